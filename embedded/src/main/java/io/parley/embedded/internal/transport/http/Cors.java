package io.parley.embedded.internal.transport.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * Cross-origin access to Parley's HTTP resources (the Fetch standard's CORS protocol): which
 * origins may read them. {@code *} allows every origin, like Prosody's default for host-meta.
 */
final class Cors {
  private final List<String> origins;
  private final boolean any;

  Cors(List<String> origins) {
    this.origins = List.copyOf(origins);
    this.any = origins.contains("*");
  }

  /** Whether a request from {@code origin} (null: same-origin or not a browser) is allowed. */
  boolean allows(String origin) {
    return origin == null || any || origins.contains(origin);
  }

  /** Adds the response headers that let the requesting origin read the response. */
  void addHeaders(HttpHeaders request, HttpHeaders response) {
    String origin = request.get(HttpHeaderNames.ORIGIN);
    if (any) {
      response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    } else if (origin != null && origins.contains(origin)) {
      response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
      response.add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
    }
  }

  /** A preflight answer's extra headers (OPTIONS with Access-Control-Request-Method). */
  void addPreflightHeaders(HttpHeaders request, HttpHeaders response, String methods) {
    addHeaders(request, response);
    if (response.contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)) {
      response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, methods);
      String headers = request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
      if (headers != null) {
        response.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, headers);
      }
      response.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
    }
  }
}
