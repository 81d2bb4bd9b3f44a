package io.parley.samples.webapp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The web app's pages and its two JSON calls: the login form, the app page and its static files,
 * {@code GET /api/me} (who is logged in) and {@code POST /api/token} (a fresh XMPP login token).
 */
final class AppServlet extends HttpServlet {
  private static final String USER = "user";
  private static final String RESOURCES = "/io/parley/samples/webapp/static/";
  private static final Pattern STATIC_NAME = Pattern.compile("[a-z][a-z0-9.-]*");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "txt", "text/plain; charset=utf-8");

  private final transient Directory directory;
  private final transient LoginTokens tokens;

  AppServlet(Directory directory, LoginTokens tokens) {
    this.directory = directory;
    this.tokens = tokens;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
    if (path.equals("/") || path.isEmpty()) {
      serve(resp, loggedIn(req).isPresent() ? "app.html" : "login.html");
    } else if (path.startsWith("/static/")) {
      serve(resp, path.substring("/static/".length()));
    } else if (path.equals("/api/me")) {
      Optional<Directory.Colleague> me = loggedIn(req);
      if (me.isEmpty()) {
        resp.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        return;
      }
      Directory.Colleague c = me.get();
      json(resp, "{\"username\":" + Json.string(c.username())
          + ",\"jid\":" + Json.string(c.username() + "@" + WebAppServer.DOMAIN)
          + ",\"name\":" + Json.string(c.name())
          + ",\"team\":" + Json.string(c.team())
          + ",\"websocketPath\":" + Json.string(WebAppServer.WEBSOCKET_PATH)
          + ",\"boshPath\":\"/http-bind\"}");
    } else {
      resp.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    switch (req.getServletPath()) {
      case "/login" -> {
        Optional<Directory.Colleague> who =
            directory.check(req.getParameter("username"), req.getParameter("password"));
        if (who.isEmpty()) {
          resp.sendRedirect("/?error=1");
          return;
        }
        HttpSession session = req.getSession(true);
        req.changeSessionId(); // no session fixation
        session.setAttribute(USER, who.get().username());
        resp.sendRedirect("/");
      }
      case "/logout" -> {
        HttpSession session = req.getSession(false);
        if (session != null) {
          session.invalidate();
        }
        resp.sendRedirect("/");
      }
      case "/api/token" -> {
        Optional<Directory.Colleague> me = loggedIn(req);
        if (me.isEmpty()) {
          resp.sendError(HttpServletResponse.SC_UNAUTHORIZED);
          return;
        }
        json(resp, "{\"token\":" + Json.string(tokens.issue(me.get().username()))
            + ",\"expiresInSeconds\":" + WebAppServer.TOKEN_LIFETIME.toSeconds() + "}");
      }
      default -> resp.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  private Optional<Directory.Colleague> loggedIn(HttpServletRequest req) {
    HttpSession session = req.getSession(false);
    if (session == null || !(session.getAttribute(USER) instanceof String username)) {
      return Optional.empty();
    }
    return directory.find(username);
  }

  private static void serve(HttpServletResponse resp, String name) throws IOException {
    int dot = name.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
    if (!STATIC_NAME.matcher(name).matches() || type == null) {
      resp.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    try (InputStream in = AppServlet.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        resp.sendError(HttpServletResponse.SC_NOT_FOUND);
        return;
      }
      resp.setContentType(type);
      resp.setHeader("Cache-Control", "no-cache");
      in.transferTo(resp.getOutputStream());
    }
  }

  private static void json(HttpServletResponse resp, String body) throws IOException {
    resp.setContentType("application/json; charset=utf-8");
    resp.setHeader("Cache-Control", "no-store");
    resp.getWriter().write(body);
  }

  /** The one JSON need of the sample: string literals. */
  static final class Json {
    private Json() {}

    static String string(String s) {
      StringBuilder b = new StringBuilder(s.length() + 2).append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> b.append("\\\"");
          case '\\' -> b.append("\\\\");
          default -> {
            if (c < 0x20 || c == '<' || c == '>' || c == '&') {
              b.append(String.format("\\u%04x", (int) c));
            } else {
              b.append(c);
            }
          }
        }
      }
      return b.append('"').toString();
    }
  }
}
