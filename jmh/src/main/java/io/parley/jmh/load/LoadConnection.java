package io.parley.jmh.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.internal.tcnative.SSL;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;

/**
 * One generated client: its own stream negotiation (STARTTLS, SASL SCRAM-SHA-1, bind, initial
 * presence) by byte patterns, then, once ready, a scan of the input for message bodies. Runs on
 * its channel's event loop.
 */
final class LoadConnection extends ChannelInboundHandlerAdapter {
  /** Gets the payload of every message body that arrives once the connection is ready. */
  interface Receiver {
    /**
     * @param complete whether the body had exactly the padding and the end tag expected
     */
    void received(LoadConnection connection, long seq, long sentNanos, boolean complete);

    /** The body's length in bytes, payload and padding. */
    int bodyBytes();

    /** After each read, so a receiver can batch its replies. */
    default void readDone(LoadConnection connection) {}
  }

  private enum Phase {
    FEATURES, PROCEED, HANDSHAKE, FEATURES_TLS, CHALLENGE, SUCCESS, FEATURES_AUTH, BIND, PRESENCE,
    READY, FAILED
  }

  private static final LongAdder RESUMED = new LongAdder();

  final String username;
  private final SslContext tls;
  private final boolean presence;
  final CompletableFuture<LoadConnection> ready = new CompletableFuture<>();
  long startNanos;
  long readyNanos;
  private volatile Receiver receiver;
  private Channel channel;
  private ByteBuf in;
  private Phase phase = Phase.FEATURES;
  private Scram scram;

  /**
   * @param tls the client context for STARTTLS, or null to stay in plaintext
   * @param presence whether to send initial presence (and wait for its echo) before ready
   */
  LoadConnection(String username, SslContext tls, boolean presence) {
    this.username = username;
    this.tls = tls;
    this.presence = presence;
  }

  /** TLS handshakes so far that resumed an earlier session instead of a full handshake. */
  static long resumedHandshakes() {
    return RESUMED.sum();
  }

  void receiver(Receiver r) {
    this.receiver = r;
  }

  Channel channel() {
    return channel;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    in = ctx.alloc().buffer(4096);
    send(Wire.HEADER);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    try {
      in.writeBytes(buf);
    } finally {
      buf.release();
    }
    try {
      process();
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    Receiver r = receiver;
    if (phase == Phase.READY && r != null) {
      r.readDone(this);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!ready.isDone()) {
      fail(new IllegalStateException(username + ": closed in phase " + phase + ": "
          + in.toString(StandardCharsets.UTF_8)));
    }
    in.release();
    in = Unpooled.EMPTY_BUFFER;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(cause);
  }

  private void process() {
    if (phase != Phase.READY && Wire.contains(in, Wire.STREAM_ERROR)) {
      throw new IllegalStateException(username + ": stream error in phase " + phase + ": "
          + in.toString(StandardCharsets.UTF_8));
    }
    switch (phase) {
      case FEATURES, FEATURES_TLS -> {
        if (featuresDone()) {
          if (tls != null && phase == Phase.FEATURES) {
            phase = Phase.PROCEED;
            send(Wire.STARTTLS);
          } else {
            authenticate();
          }
        }
      }
      case PROCEED -> {
        if (Wire.contains(in, Wire.PROCEED)) {
          in.clear();
          phase = Phase.HANDSHAKE;
          // Without a peer host and port the engine has no key into the context's session
          // cache, so it never offers a session ticket: every login is a full handshake, as a
          // new client's is. The server name is set by hand so that the ClientHello still
          // carries SNI (straight on the native engine: a round trip through SSLParameters
          // rebuilds all of them, about 4 % of the generator's CPU per login).
          SslHandler ssl = tls.newHandler(channel.alloc());
          if (ssl.engine() instanceof ReferenceCountedOpenSslEngine e) {
            SSL.setTlsExtHostName(e.sslPointer(), Wire.DOMAIN);
          } else {
            SSLParameters parameters = ssl.engine().getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(Wire.DOMAIN)));
            ssl.engine().setSSLParameters(parameters);
          }
          channel.pipeline().addFirst("tls", ssl);
          ssl.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
              if (ssl.engine() instanceof ReferenceCountedOpenSslEngine e
                  && SSL.isSessionReused(e.sslPointer())) {
                RESUMED.increment();
              }
              phase = Phase.FEATURES_TLS;
              send(Wire.HEADER);
            } else {
              fail(f.cause());
            }
          });
        }
      }
      case CHALLENGE -> {
        if (Wire.contains(in, Wire.FAILURE)) {
          throw new IllegalStateException(username + ": SASL failure: " + text());
        }
        int end = Wire.indexOf(in, Wire.CHALLENGE_END, in.readerIndex());
        if (end >= 0) {
          String serverFirst = decode(end);
          in.clear();
          phase = Phase.SUCCESS;
          send(Wire.response(Base64.getEncoder().encodeToString(
              scram.clientFinal(serverFirst).getBytes(StandardCharsets.UTF_8))));
        }
      }
      case SUCCESS -> {
        if (Wire.contains(in, Wire.FAILURE)) {
          throw new IllegalStateException(username + ": SASL failure: " + text());
        }
        int end = Wire.indexOf(in, Wire.SUCCESS_END, in.readerIndex());
        if (end >= 0) {
          if (!scram.verifyServerFinal(decode(end))) {
            throw new IllegalStateException(username + ": bad server signature");
          }
          in.clear();
          phase = Phase.FEATURES_AUTH;
          send(Wire.HEADER);
        }
      }
      case FEATURES_AUTH -> {
        if (featuresDone()) {
          phase = Phase.BIND;
          send(Wire.BIND);
        }
      }
      case BIND -> {
        if (Wire.contains(in, Wire.IQ_END) || Wire.contains(in, Wire.ERROR_TYPE_1)) {
          if (Wire.contains(in, Wire.ERROR_TYPE_1) || Wire.contains(in, Wire.ERROR_TYPE_2)) {
            throw new IllegalStateException(username + ": bind failed: " + text());
          }
          in.clear();
          if (presence) {
            phase = Phase.PRESENCE;
            send(Wire.PRESENCE);
          } else {
            ready();
          }
        }
      }
      case PRESENCE -> {
        // RFC 6121 §4.2.2: the server sends initial presence back to the sending resource too.
        if (Wire.contains(in, Wire.PRESENCE_START)) {
          in.clear();
          ready();
        }
      }
      case READY -> scanBodies();
      default -> in.clear();
    }
  }

  private boolean featuresDone() {
    if (Wire.contains(in, Wire.FEATURES_END) || Wire.contains(in, Wire.FEATURES_EMPTY)) {
      in.clear();
      return true;
    }
    return false;
  }

  private void authenticate() {
    phase = Phase.CHALLENGE;
    scram = new Scram(username, LoadAccounts.PASSWORD);
    send(Wire.authScramSha1(Base64.getEncoder().encodeToString(
        scram.clientFirst().getBytes(StandardCharsets.UTF_8))));
  }

  /** The base64 text before {@code end} (the closing tag), decoded. */
  private String decode(int end) {
    int gt = end;
    while (gt > in.readerIndex() && in.getByte(gt - 1) != '>') {
      gt--;
    }
    String b64 = in.toString(gt, end - gt, StandardCharsets.US_ASCII).trim();
    return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }

  private String text() {
    return in.toString(StandardCharsets.UTF_8);
  }

  private void ready() {
    phase = Phase.READY;
    readyNanos = System.nanoTime();
    ready.complete(this);
  }

  private static final ByteProcessor PADDING = new ByteProcessor.IndexNotOfProcessor((byte) 'x');

  private void scanBodies() {
    Receiver r = receiver;
    if (r == null) {
      in.clear();
      return;
    }
    while (true) {
      int at = Wire.indexOf(in, Wire.BODY, in.readerIndex());
      if (at < 0) {
        in.readerIndex(Math.max(in.readerIndex(), in.writerIndex() - Wire.BODY.length + 1));
        break;
      }
      int payload = at + Wire.BODY.length;
      int end = payload + Math.max(r.bodyBytes(), Wire.PAYLOAD);
      if (in.writerIndex() < end + Wire.BODY_END.length) {
        in.readerIndex(at);
        break;
      }
      long seq = Wire.parseDigits(in, payload + 1, Wire.SEQ_DIGITS);
      long sent = Wire.parseDigits(in, payload + 2 + Wire.SEQ_DIGITS, Wire.TIME_DIGITS);
      boolean complete = in.getByte(payload) == 's' && seq >= 0 && sent >= 0
          && Wire.indexOf(in, Wire.BODY_END, end) == end;
      complete = complete && in.forEachByte(payload + Wire.PAYLOAD, end - payload - Wire.PAYLOAD,
          PADDING) < 0;
      in.readerIndex(end);
      r.received(this, seq, sent, complete);
    }
    in.discardSomeReadBytes();
  }

  private void send(byte[] bytes) {
    channel.writeAndFlush(Unpooled.wrappedBuffer(bytes), channel.voidPromise());
  }

  /** Ends the stream politely and closes. */
  void close() {
    if (channel != null && channel.isActive()) {
      channel.writeAndFlush(Unpooled.wrappedBuffer(Wire.END))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }

  private void fail(Throwable t) {
    if (phase != Phase.FAILED) {
      phase = Phase.FAILED;
      ready.completeExceptionally(t);
      if (channel != null) {
        channel.close();
      }
    }
  }
}
