package io.parley.embedded.internal.tls;

import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.internal.tcnative.SSL;
import io.netty.util.ReferenceCounted;
import javax.net.ssl.SSLEngine;

/**
 * A BoringSSL server context whose engines send no TLS 1.3 session tickets.
 *
 * <p>Netty clears {@code SSL_OP_NO_TICKET} on each new TLS 1.3 engine, unless a JVM-wide system
 * property says otherwise; this sets it again, per engine, so that the choice stays the host's
 * per server. BoringSSL resumes TLS 1.3 sessions only from tickets, so without them no TLS 1.3
 * handshake resumes; TLS 1.2 clients may still resume by session id. Reference counting goes to
 * the wrapped context, so the listeners release it as before.
 */
final class WithoutTickets extends DelegatingSslContext implements ReferenceCounted {
  private final ReferenceCountedOpenSslContext context;

  WithoutTickets(ReferenceCountedOpenSslContext context) {
    super(context);
    this.context = context;
  }

  /** The wrapped context, whose settings the engines take. */
  ReferenceCountedOpenSslContext wrapped() {
    return context;
  }

  @Override
  protected void initEngine(SSLEngine engine) {
    SSL.setOptions(((ReferenceCountedOpenSslEngine) engine).sslPointer(), SSL.SSL_OP_NO_TICKET);
  }

  @Override
  public int refCnt() {
    return context.refCnt();
  }

  @Override
  public ReferenceCounted retain() {
    context.retain();
    return this;
  }

  @Override
  public ReferenceCounted retain(int increment) {
    context.retain(increment);
    return this;
  }

  @Override
  public ReferenceCounted touch() {
    context.touch();
    return this;
  }

  @Override
  public ReferenceCounted touch(Object hint) {
    context.touch(hint);
    return this;
  }

  @Override
  public boolean release() {
    return context.release();
  }

  @Override
  public boolean release(int decrement) {
    return context.release(decrement);
  }
}
