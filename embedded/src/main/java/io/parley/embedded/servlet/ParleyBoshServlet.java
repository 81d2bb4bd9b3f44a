package io.parley.embedded.servlet;

import io.parley.embedded.Parley;
import io.parley.embedded.internal.transport.bosh.BoshRequest;
import io.parley.embedded.internal.transport.bosh.BoshSessions;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BOSH (XEP-0124/XEP-0206) in a Jakarta Servlet 6 container, over the same connection manager as
 * Parley's own HTTP listener: requests are held with async processing, so no container thread
 * waits. Register it for POST at a path of your choice:
 *
 * <pre>{@code
 * context.addServlet(new ServletHolder(new ParleyBoshServlet(parley)), "/http-bind");
 * }</pre>
 *
 * <p>Requests over HTTPS ({@code request.isSecure()}) or with {@code boshConsideredSecure} count
 * as encrypted. Bodies over {@code maxStanzaBytes} get HTTP 413. CORS is left to the container
 * (Jetty's {@code CrossOriginHandler}, a filter), unlike the built-in listener.
 */
public final class ParleyBoshServlet extends HttpServlet {
  private static final Logger log = LoggerFactory.getLogger(ParleyBoshServlet.class);

  private final transient BoshSessions bosh;
  /** Runs the sessions made here (their stream processing and timers), one thread. */
  private transient ScheduledExecutorService executor;

  public ParleyBoshServlet(Parley parley) {
    this.bosh = parley.boshSessions();
  }

  @Override
  public void init() {
    executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "parley-bosh-servlet");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Ends the sessions made here with {@code system-shutdown} (their users go offline) before the
   * thread that runs them goes: the server may outlive the servlet.
   */
  @Override
  public void destroy() {
    bosh.shutdown(executor, bosh.config().shutdownTimeout());
    executor.shutdown();
    try {
      executor.awaitTermination(bosh.config().shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    int max = bosh.config().maxStanzaBytes();
    byte[] body;
    try (InputStream in = req.getInputStream()) {
      body = in.readNBytes(max + 1);
    }
    if (body.length > max) {
      resp.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    AsyncContext async = req.startAsync();
    async.setTimeout(0); // the manager answers within wait, or ends the session
    boolean secure = req.isSecure() || bosh.config().boshConsideredSecure();
    bosh.handle(body, new BoshRequest(secure,
        InetSocketAddress.createUnresolved(req.getRemoteAddr(), req.getRemotePort()), executor), answer -> {
          try {
            HttpServletResponse r = (HttpServletResponse) async.getResponse();
            r.setStatus(HttpServletResponse.SC_OK);
            r.setContentType("text/xml; charset=utf-8");
            r.setContentLength(answer.length);
            r.getOutputStream().write(answer);
          } catch (IOException | IllegalStateException e) {
            log.debug("BOSH answer not delivered: {}", e.toString());
          } finally {
            try {
              async.complete();
            } catch (IllegalStateException e) {
              log.debug("BOSH request already completed: {}", e.toString());
            }
          }
        });
  }
}
