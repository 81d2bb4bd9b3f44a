package io.parley.embedded.internal.transport.bosh;

/**
 * Answers one BOSH HTTP request; the binding (Netty, a servlet) writes it as an HTTP 200 response
 * with {@code Content-Type: text/xml; charset=utf-8}. Called at most once, from any thread.
 */
@FunctionalInterface
public interface BoshResponder {
  void respond(byte[] body);
}
