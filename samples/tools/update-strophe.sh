#!/bin/sh
# Refreshes the one strophe.js file the web app sample serves (and its MIT licence) from npm.
# The file is committed so that building and running the sample needs neither npm nor a network.
# Usage: samples/tools/update-strophe.sh [version]   (from the repository root)
set -eu
version="${1:-5.0.0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
npm install --prefix "$work" --no-save --no-audit --no-fund "strophe.js@$version"
static="samples/src/main/resources/io/parley/samples/webapp/static"
cp "$work/node_modules/strophe.js/dist/strophe.umd.min.js" "$static/strophe.umd.min.js"
cp "$work/node_modules/strophe.js/LICENSE.txt" "$static/strophe.LICENSE.txt"
echo "strophe.js $version copied to $static"
