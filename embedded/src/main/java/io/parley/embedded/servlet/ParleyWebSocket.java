package io.parley.embedded.servlet;

import io.parley.embedded.Parley;
import io.parley.embedded.internal.transport.websocket.WebSocketStreams;
import jakarta.websocket.Endpoint;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Objects;

/**
 * XMPP over WebSocket (RFC 7395) inside a servlet container: register the returned endpoint with
 * the container's {@code ServerContainer}, and the web app serves XMPP on its own port and path,
 * through the same session core, router and limits as Parley's own listeners.
 *
 * <pre>{@code
 * // Jetty 12 (ee10); Tomcat and Spring Boot have the same ServerContainer.addEndpoint
 * JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) ->
 *     container.addEndpoint(ParleyWebSocket.endpointConfig(parley, "/xmpp")));
 * }</pre>
 *
 * <p>Needs {@code jakarta.websocket-api} 2.1 (Jakarta EE 10), which the container provides.
 * Origins are checked against Parley's {@code corsOrigins}; {@code wss:} connections count as
 * secure, {@code ws:} ones only with {@code webSocketConsideredSecure}. The servlet API cannot
 * refuse an upgrade for a missing subprotocol, so a client that did not offer {@code xmpp} is
 * closed at once with status 1002 (protocol error).
 */
public final class ParleyWebSocket {
  /** RFC 7395 §3.1's subprotocol. */
  public static final String SUBPROTOCOL = "xmpp";

  private ParleyWebSocket() {}

  /**
   * An endpoint configuration at {@code path} (relative to the web app's context path) for the
   * given server, which must be built; it need not listen on any port of its own.
   */
  public static ServerEndpointConfig endpointConfig(Parley parley, String path) {
    Objects.requireNonNull(parley, "parley");
    WebSocketStreams streams = parley.webSocketStreams();
    return ServerEndpointConfig.Builder.create(ParleyWebSocketEndpoint.class, path)
        .subprotocols(List.of(SUBPROTOCOL))
        .configurator(new ServerEndpointConfig.Configurator() {
          @Override
          public boolean checkOrigin(String originHeaderValue) {
            return streams.allowsOrigin(originHeaderValue);
          }

          @Override
          public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
            for (String offered : requested) {
              if (SUBPROTOCOL.equals(offered.trim())) {
                return SUBPROTOCOL;
              }
            }
            return "";
          }

          @Override
          public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
              HandshakeResponse response) {
            // Nothing to change: the subprotocol and origin are handled above.
          }

          @Override
          @SuppressWarnings("unchecked")
          public <T> T getEndpointInstance(Class<T> endpointClass) {
            Endpoint endpoint = new ParleyWebSocketEndpoint(streams);
            return (T) endpoint;
          }
        })
        .build();
  }
}
