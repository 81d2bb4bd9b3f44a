package io.parley.embedded.internal.transport.tcp;

/** A whitespace keepalive (RFC 6120 §4.6.1) in the outbound pipeline. */
enum Whitespace {
  INSTANCE
}
