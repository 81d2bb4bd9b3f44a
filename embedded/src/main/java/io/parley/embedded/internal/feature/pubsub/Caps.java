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
 * <p>§5.4: an answer is cached under its {@code hash} and {@code ver} only when the
 * verification string computed from it ({@link CapsHash}) equals that {@code ver}; an answer that
 * does not verify, is ill-formed, or came for an unsupported or missing {@code hash} (a legacy
 * client) is used for that one session only, so no client can poison the cache for others.
 *
 * <p>Not implemented: the legacy (pre-1.5) {@code ext} form.
 */
@Singleton
final class Caps implements SessionLifecycle, PubSubEngine.Interest {
  static final String NAMESPACE = "http://jabber.org/protocol/caps";
  private static final int MAX_CACHED = 10_000;

  private final SessionRegistry sessions;
  private final ConcurrentHashMap<String, Set<String>> byVer = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Jid, Set<String>> bySession = new ConcurrentHashMap<>();
  // Outstanding disco#info queries: id → what was claimed.
  private final ConcurrentHashMap<String, Claim> asked = new ConcurrentHashMap<>();
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
    Claim claim = new Claim(c.attribute("hash"), c.attribute("ver"));
    Set<String> known = claim.cacheable() ? byVer.get(claim.key()) : null;
    if (known != null) {
      features(session, known);
    } else if (from != null) {
      String id = "caps" + ids.incrementAndGet();
      asked.put(id, claim);
      send.accept(new Iq(session.jid(), from, id, Iq.Type.GET, null, java.util.List.of(
          Element.builder("query", PubSub.DISCO_INFO)
              .attribute("node", c.attribute("node") + "#" + claim.ver()).build())));
    }
  }

  /** A response to one of our queries; true if it was ours. */
  boolean response(Iq iq) {
    Claim claim = iq.id() == null ? null : asked.remove(iq.id());
    if (claim == null) {
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
    if (claim.cacheable() && claim.ver().equals(CapsHash.of(query, claim.hash()))
        && byVer.size() < MAX_CACHED) {
      byVer.put(claim.key(), frozen);
    }
    Session s = iq.from() == null ? null : sessions.find(iq.from());
    if (s != null) {
      features(s, frozen);
    }
    return true;
  }

  /** A presence's {@code hash} and {@code ver} (XEP-0115 §4). */
  private record Claim(String hash, String ver) {
    boolean cacheable() {
      return CapsHash.supported(hash);
    }

    String key() {
      return hash.toLowerCase(java.util.Locale.ROOT) + ' ' + ver;
    }
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
