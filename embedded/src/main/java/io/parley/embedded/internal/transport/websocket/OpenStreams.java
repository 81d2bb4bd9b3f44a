package io.parley.embedded.internal.transport.websocket;

import io.parley.embedded.internal.stream.C2sStream;
import io.parley.embedded.internal.stream.StreamTransport;
import io.parley.embedded.internal.xml.StreamErrorCondition;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The open WebSocket streams of one listener or container, so shutdown reaches them all. */
public final class OpenStreams {
  private final Map<C2sStream, StreamTransport> open = new ConcurrentHashMap<>();

  void add(C2sStream stream, StreamTransport transport) {
    open.put(stream, transport);
  }

  void remove(C2sStream stream) {
    open.remove(stream);
  }

  public int size() {
    return open.size();
  }

  /** Ends every stream with {@code system-shutdown} and waits up to {@code grace} for them. */
  public void shutdown(Duration grace) {
    Map.copyOf(open).forEach((stream, transport) -> transport.executor().execute(
        () -> stream.fail(StreamErrorCondition.SYSTEM_SHUTDOWN, null)));
    long deadline = System.nanoTime() + grace.toNanos();
    while (!open.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
