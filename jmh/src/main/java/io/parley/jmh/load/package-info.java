/**
 * The load benchmark (issue 8): {@link io.parley.jmh.load.LoadMain} drives a
 * {@link io.parley.jmh.load.LoadServer} in its own JVM over loopback with generated XMPP clients
 * and prints one {@code key=value} result line per run. BENCHMARKS.md at the top level describes
 * the modes, the figures and the latest results.
 *
 * <p>Choices: the generator negotiates streams itself (no XMPP or XML library on its side) and
 * finds its way through the server's output by byte patterns, which only works because it knows
 * what Parley writes; it checks the SCRAM server signature but not the TLS certificate; all
 * accounts share one password and salt, so the generator derives the salted password once.
 */
package io.parley.jmh.load;
