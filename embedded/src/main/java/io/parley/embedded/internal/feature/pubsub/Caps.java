package io.parley.embedded.internal.feature.pubsub;

import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionLifecycle;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * XEP-0115 entity capabilities of the bound sessions, for XEP-0163 +notify interest: a session's
 * presence names its client's {@code ver}; features are cached by {@code ver}, and an unknown
 * {@code ver} is asked for with disco#info (from the pub-sub service's address, whose answers
 * the service hands back here). When a session's features become known or change, the
 * {@code interestChanged} callback runs (to send it the last items it now wants).
 *
 * <p>Not implemented: verifying the {@code ver} hash against the disco#info answer (a client
 * could poison the cache for its {@code ver}; the cache is keyed by the hash it claims), and
 * the legacy (pre-1.5) {@code ext} form.
 */
@Singleton
final class Caps implements SessionLifecycle, PubSubEngine.Interest {
  static final String NAMESPACE = "http://jabber.org/protocol/caps";
  private static final int MAX_CACHED = 10_000;

  private final SessionRegistry sessions;
  private final ConcurrentHashMap<String, Set<String>> byVer = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Jid, Set<String>> bySession = new ConcurrentHashMap<>();
  // Outstanding disco#info queries: id → ver.
  private final ConcurrentHashMap<String, String> asked = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private volatile Jid from;
  private volatile Consumer<Stanza> send = s -> { };
  private volatile BiConsumer<Session, Set<String>> interestChanged = (s, f) -> { };

  @Inject
  Caps(SessionRegistry sessions) {
    this.sessions = sessions;
  }

  /** Wires the querying address, the sender, and the callback (done once by the service). */
  void wire(Jid queryFrom, Consumer<Stanza> sender, BiConsumer<Session, Set<String>> changed) {
    this.from = queryFrom;
    this.send = sender;
    this.interestChanged = changed;
  }

  @Override
  public boolean notifies(Session session, String node) {
    Set<String> f = bySession.get(session.jid());
    return f != null && f.contains(node + "+notify");
  }

  @Override
  public void presenceChanged(Session session, Presence presence) {
    if (presence.type() != Presence.Type.AVAILABLE) {
      return;
    }
    Element c = presence.child("c", NAMESPACE);
    if (c == null || c.attribute("ver") == null || c.attribute("node") == null) {
      return;
    }
    String ver = c.attribute("ver");
    Set<String> known = byVer.get(ver);
    if (known != null) {
      features(session, known);
    } else if (from != null) {
      String id = "caps" + ids.incrementAndGet();
      asked.put(id, ver);
      send.accept(new Iq(session.jid(), from, id, Iq.Type.GET, null, java.util.List.of(
          Element.builder("query", PubSub.DISCO_INFO)
              .attribute("node", c.attribute("node") + "#" + ver).build())));
    }
  }

  /** A response to one of our queries; true if it was ours. */
  boolean response(Iq iq) {
    String ver = iq.id() == null ? null : asked.remove(iq.id());
    if (ver == null) {
      return false;
    }
    Element query = iq.type() == Iq.Type.RESULT ? iq.child("query", PubSub.DISCO_INFO) : null;
    if (query == null) {
      return true;
    }
    Set<String> features = new HashSet<>();
    for (Element f : query.elements()) {
      if (f.name().equals("feature") && f.attribute("var") != null) {
        features.add(f.attribute("var"));
      }
    }
    Set<String> frozen = Set.copyOf(features);
    if (byVer.size() < MAX_CACHED) {
      byVer.put(ver, frozen);
    }
    Session s = iq.from() == null ? null : sessions.find(iq.from());
    if (s != null) {
      features(s, frozen);
    }
    return true;
  }

  private void features(Session session, Set<String> features) {
    Set<String> before = bySession.put(session.jid(), features);
    if (!features.equals(before)) {
      interestChanged.accept(session, features);
    }
  }

  @Override
  public void ended(Session session) {
    bySession.remove(session.jid());
  }
}
