package io.parley.embedded.internal.transport.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateEvent;
import io.parley.embedded.internal.transport.bosh.BoshRequest;
import io.parley.embedded.internal.transport.websocket.WebSocketC2sHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one HTTP connection: BOSH at the configured path (POST, and OPTIONS preflights), the
 * WebSocket upgrade at the configured path (RFC 6455 §4.2 with
 * RFC 7395 §3.1's {@code xmpp} subprotocol), XEP-0156 host-meta, and plain errors for the rest:
 * 404 for other paths, 405 for other methods, 426 for a request without an upgrade at the
 * WebSocket path, 400 for a bad upgrade (no {@code xmpp} subprotocol), 403 for a WebSocket from
 * an origin the CORS list does not allow.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(HttpRequestHandler.class);
  static final String HOST_META = "/.well-known/host-meta";
  static final String HOST_META_JSON = "/.well-known/host-meta.json";
  private static final String HOST_META_METHODS = "GET, HEAD, OPTIONS";
  private static final String BOSH_METHODS = "POST, OPTIONS";
  static final String SUBPROTOCOL = "xmpp";

  private final HttpSite site;
  private final boolean tls;
  /** A BOSH request on this connection waits for its answer: not an idle connection. */
  private boolean boshHeld;

  HttpRequestHandler(HttpSite site, boolean tls) {
    this.site = site;
    this.tls = tls;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    if (!req.decoderResult().isSuccess()) {
      respond(ctx, req, HttpResponseStatus.BAD_REQUEST, "bad request", false);
      return;
    }
    String path = new QueryStringDecoder(req.uri()).path();
    if (path.equals(site.config().boshPath())) {
      bosh(ctx, req);
    } else if (path.equals(site.config().webSocketPath())) {
      webSocket(ctx, req);
    } else if (path.equals(HOST_META) || path.equals(HOST_META_JSON)) {
      hostMeta(ctx, req, path.equals(HOST_META_JSON));
    } else {
      respond(ctx, req, HttpResponseStatus.NOT_FOUND, "not found", true);
    }
  }

  private void webSocket(ChannelHandlerContext ctx, FullHttpRequest req) {
    if (!HttpMethod.GET.equals(req.method())) {
      FullHttpResponse r = response(HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET to upgrade");
      r.headers().set(HttpHeaderNames.ALLOW, "GET");
      send(ctx, req, r, true);
      return;
    }
    if (!req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
      FullHttpResponse r = response(HttpResponseStatus.UPGRADE_REQUIRED,
          "XMPP over WebSocket (RFC 7395) lives here");
      r.headers().set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
      send(ctx, req, r, true);
      return;
    }
    if (!site.cors().allows(req.headers().get(HttpHeaderNames.ORIGIN))) {
      respond(ctx, req, HttpResponseStatus.FORBIDDEN, "origin not allowed", false);
      return;
    }
    if (!offersXmpp(req.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL))) {
      // RFC 7395 §3.1: without the xmpp subprotocol there is no XMPP connection to make.
      respond(ctx, req, HttpResponseStatus.BAD_REQUEST,
          "the xmpp WebSocket subprotocol is required (RFC 7395)", false);
      return;
    }
    String scheme = tls ? "wss" : "ws";
    String host = req.headers().get(HttpHeaderNames.HOST, "localhost");
    WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(
        scheme + "://" + host + site.config().webSocketPath(), SUBPROTOCOL,
        WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(site.config().maxStanzaBytes())
            .allowExtensions(false)
            .closeOnProtocolViolation(false) // the stream error goes first; see the handler
            .withUTF8Validator(true)
            .build());
    WebSocketServerHandshaker handshaker = factory.newHandshaker(req);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    // The XMPP handlers go in before the handshake writes its response, so no frame can reach
    // this HTTP handler.
    var p = ctx.pipeline();
    if (p.get(HttpChannelInitializer.IDLE) != null) {
      p.remove(HttpChannelInitializer.IDLE);
    }
    WebSocketC2sHandler.install(p, ctx.name(), site.config(), site.streams(),
        tls || site.config().webSocketConsideredSecure(), site.openStreams());
    p.remove(this);
    handshaker.handshake(ctx.channel(), req).addListener(f -> {
      if (!f.isSuccess()) {
        log.debug("{}: WebSocket handshake failed: {}", ctx.channel().remoteAddress(),
            f.cause().toString());
        ctx.channel().close();
      }
    });
  }

  /**
   * XEP-0124 §4: a POST whose body is one {@code <body/>}, answered through the session manager,
   * maybe after holding it up to {@code wait} seconds. Reading stops meanwhile, so a pipelining
   * client's next request cannot be answered before this one.
   */
  private void bosh(ChannelHandlerContext ctx, FullHttpRequest req) {
    HttpMethod method = req.method();
    if (HttpMethod.OPTIONS.equals(method)) {
      FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.NO_CONTENT);
      r.headers().set(HttpHeaderNames.ALLOW, BOSH_METHODS);
      site.cors().addPreflightHeaders(req.headers(), r.headers(), BOSH_METHODS);
      send(ctx, req, r, true);
      return;
    }
    if (!HttpMethod.POST.equals(method)) {
      FullHttpResponse r = response(HttpResponseStatus.METHOD_NOT_ALLOWED,
          "BOSH (XEP-0124) takes POST");
      r.headers().set(HttpHeaderNames.ALLOW, BOSH_METHODS);
      send(ctx, req, r, true);
      return;
    }
    if (!site.cors().allows(req.headers().get(HttpHeaderNames.ORIGIN))) {
      respond(ctx, req, HttpResponseStatus.FORBIDDEN, "origin not allowed", false);
      return;
    }
    byte[] body = ByteBufUtil.getBytes(req.content());
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    var requestHeaders = req.headers().copy();
    Channel channel = ctx.channel();
    channel.config().setAutoRead(false);
    boshHeld = true;
    boolean secure = tls || site.config().boshConsideredSecure();
    site.bosh().handle(body, new BoshRequest(secure, channel.remoteAddress(), channel.eventLoop()),
        answer -> {
          FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
              HttpResponseStatus.OK, Unpooled.wrappedBuffer(answer));
          r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/xml; charset=utf-8");
          site.cors().addHeaders(requestHeaders, r.headers());
          HttpUtil.setContentLength(r, answer.length);
          HttpUtil.setKeepAlive(r, keepAlive);
          channel.eventLoop().execute(() -> {
            boshHeld = false;
            var f = channel.writeAndFlush(r);
            if (keepAlive) {
              channel.config().setAutoRead(true);
            } else {
              f.addListener(ChannelFutureListener.CLOSE);
            }
          });
        });
  }

  static boolean offersXmpp(List<String> headers) {
    for (String header : headers) {
      for (String token : header.split(",")) {
        if (token.trim().equals(SUBPROTOCOL)) {
          return true;
        }
      }
    }
    return false;
  }

  private void hostMeta(ChannelHandlerContext ctx, FullHttpRequest req, boolean json) {
    HttpMethod method = req.method();
    if (HttpMethod.OPTIONS.equals(method)) {
      FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.NO_CONTENT);
      r.headers().set(HttpHeaderNames.ALLOW, HOST_META_METHODS);
      site.cors().addPreflightHeaders(req.headers(), r.headers(), HOST_META_METHODS);
      send(ctx, req, r, true);
      return;
    }
    if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
      FullHttpResponse r = response(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed");
      r.headers().set(HttpHeaderNames.ALLOW, HOST_META_METHODS);
      send(ctx, req, r, true);
      return;
    }
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    List<HostMeta.Link> links = site.links(req.headers().get(HttpHeaderNames.HOST));
    if (json) {
      HostMeta.writeJrd(links, r.content());
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    } else {
      HostMeta.writeXrd(links, r.content());
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/xrd+xml; charset=utf-8");
    }
    site.cors().addHeaders(req.headers(), r.headers());
    HttpUtil.setContentLength(r, r.content().readableBytes());
    if (HttpMethod.HEAD.equals(method)) {
      r.content().clear(); // RFC 9110 §9.3.2: the GET headers, no body
    }
    send(ctx, req, r, true);
  }

  private static FullHttpResponse response(HttpResponseStatus status, String text) {
    ByteBuf body = io.netty.buffer.Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8);
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    return r;
  }

  private static void respond(ChannelHandlerContext ctx, FullHttpRequest req,
      HttpResponseStatus status, String text, boolean keepAlive) {
    send(ctx, req, response(status, text), keepAlive);
  }

  private static void send(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse r,
      boolean mayKeepAlive) {
    if (!r.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
      HttpUtil.setContentLength(r, r.content().readableBytes());
    }
    boolean keepAlive = mayKeepAlive && HttpUtil.isKeepAlive(req);
    HttpUtil.setKeepAlive(r, keepAlive);
    var f = ctx.writeAndFlush(r);
    if (!keepAlive) {
      f.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent && !boshHeld) {
      ctx.close(); // an idle keep-alive connection
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("{}: HTTP connection error: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
