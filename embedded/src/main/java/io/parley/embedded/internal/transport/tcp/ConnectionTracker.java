package io.parley.embedded.internal.transport.tcp;

import io.parley.embedded.internal.stream.C2sStream;
import io.parley.embedded.internal.stream.StreamTransport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The open streams of every listener, so that shutdown reaches the unauthenticated ones too. */
final class ConnectionTracker {
  private final Map<C2sStream, StreamTransport> open = new ConcurrentHashMap<>();

  void add(C2sStream stream, StreamTransport transport) {
    open.put(stream, transport);
  }

  void remove(C2sStream stream) {
    open.remove(stream);
  }

  Map<C2sStream, StreamTransport> snapshot() {
    return Map.copyOf(open);
  }

  int size() {
    return open.size();
  }
}
