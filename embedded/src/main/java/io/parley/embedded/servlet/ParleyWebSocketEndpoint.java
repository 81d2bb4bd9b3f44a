package io.parley.embedded.servlet;

import io.parley.embedded.internal.transport.websocket.WebSocketStreams;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jakarta WebSocket endpoint of one connection; {@link ParleyWebSocket} creates it. Public
 * only because containers require endpoint classes to be.
 */
public final class ParleyWebSocketEndpoint extends Endpoint {
  private static final Logger log = LoggerFactory.getLogger(ParleyWebSocketEndpoint.class);

  private final WebSocketStreams streams;
  private ServletTransport transport;

  ParleyWebSocketEndpoint(WebSocketStreams streams) {
    this.streams = streams;
  }

  @Override
  public void onOpen(Session session, EndpointConfig config) {
    if (!ParleyWebSocket.SUBPROTOCOL.equals(session.getNegotiatedSubprotocol())) {
      try {
        session.close(new CloseReason(CloseReason.CloseCodes.PROTOCOL_ERROR,
            "the xmpp subprotocol is required (RFC 7395)"));
      } catch (IOException e) {
        log.debug("closing a WebSocket without the xmpp subprotocol failed: {}", e.toString());
      }
      return;
    }
    transport = new ServletTransport(session, streams);
    transport.start();
  }

  @Override
  public void onClose(Session session, CloseReason closeReason) {
    if (transport != null) {
      transport.closed();
    }
  }

  @Override
  public void onError(Session session, Throwable thr) {
    log.debug("WebSocket error: {}", thr.toString());
  }
}
