package io.parley.embedded.internal.transport.http;

import io.parley.embedded.internal.ServerConfig;
import io.parley.embedded.internal.stream.C2sStreams;
import io.parley.embedded.internal.transport.bosh.BoshSessions;
import io.parley.embedded.internal.transport.websocket.OpenStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What every HTTP connection of the listeners shares: configuration, ports and open streams. */
final class HttpSite {
  /** A Host header we are willing to put into links: a name or address and maybe a port. */
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]");

  private final ServerConfig config;
  private final C2sStreams streams;
  private final Cors cors;
  private final OpenStreams openStreams = new OpenStreams();
  private final BoshSessions bosh;
  private volatile int httpPort = -1;
  private volatile int httpsPort = -1;

  HttpSite(ServerConfig config, C2sStreams streams) {
    this(config, streams, new BoshSessions(config, streams));
  }

  HttpSite(ServerConfig config, C2sStreams streams, BoshSessions bosh) {
    this.config = config;
    this.streams = streams;
    this.cors = new Cors(config.corsOrigins());
    this.bosh = bosh;
  }

  BoshSessions bosh() {
    return bosh;
  }

  ServerConfig config() {
    return config;
  }

  C2sStreams streams() {
    return streams;
  }

  Cors cors() {
    return cors;
  }

  OpenStreams openStreams() {
    return openStreams;
  }

  void boundPorts(int http, int https) {
    this.httpPort = http;
    this.httpsPort = https;
  }

  /**
   * The WebSocket URLs to advertise: the configured public one, or one per listener (wss first)
   * at the host the client asked for, or the domain if its Host header is unusable; then the
   * BOSH URLs, one per listener.
   */
  List<HostMeta.Link> links(String hostHeader) {
    List<HostMeta.Link> links = new ArrayList<>();
    String host = hostName(hostHeader);
    if (config.webSocketUrl() != null) {
      links.add(new HostMeta.Link(HostMeta.WEBSOCKET, config.webSocketUrl()));
    } else {
      webSocketLinks(host, links);
    }
    // XEP-0156 §3: the BOSH endpoint on the same listeners, https first.
    if (httpsPort > 0) {
      links.add(new HostMeta.Link(HostMeta.BOSH,
          "https://" + host + ":" + httpsPort + config.boshPath()));
    }
    if (httpPort > 0) {
      links.add(new HostMeta.Link(HostMeta.BOSH,
          "http://" + host + ":" + httpPort + config.boshPath()));
    }
    return links;
  }

  private void webSocketLinks(String host, List<HostMeta.Link> links) {
    if (httpsPort > 0) {
      links.add(new HostMeta.Link(HostMeta.WEBSOCKET,
          "wss://" + host + ":" + httpsPort + config.webSocketPath()));
    }
    if (httpPort > 0) {
      links.add(new HostMeta.Link(HostMeta.WEBSOCKET,
          "ws://" + host + ":" + httpPort + config.webSocketPath()));
    }
  }

  private String hostName(String hostHeader) {
    if (hostHeader != null) {
      String name = hostHeader;
      int colon = name.lastIndexOf(':');
      if (colon > 0 && name.indexOf(']') < colon) {
        name = name.substring(0, colon);
      }
      if (HOST.matcher(name).matches()) {
        return name;
      }
    }
    return config.domain().domain();
  }
}
