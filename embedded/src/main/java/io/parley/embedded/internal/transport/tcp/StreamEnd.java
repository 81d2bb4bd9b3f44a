package io.parley.embedded.internal.transport.tcp;

/** Marks the closing {@code </stream:stream>} in the outbound pipeline. */
enum StreamEnd {
  INSTANCE
}
