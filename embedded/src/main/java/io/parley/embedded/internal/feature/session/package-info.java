/**
 * RFC 3921 §3 session establishment, kept optional as RFC 6121 and the major servers do: the
 * stream feature carries {@code <optional/>}, and a request gets an empty result.
 */
package io.parley.embedded.internal.feature.session;
