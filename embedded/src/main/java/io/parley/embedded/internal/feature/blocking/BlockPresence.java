package io.parley.embedded.internal.feature.blocking;

import io.parley.embedded.internal.feature.roster.Rosters;
import io.parley.embedded.internal.session.Session;
import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The presence XEP-0191 sends on a change of the list: on block, unavailable from each of the
 * user's available resources to the blocked JIDs (§3.3); on unblock, the resources' current
 * presence (§3.4, §3.5). Only to contacts allowed to receive the user's presence, i.e. with a
 * {@code from} or {@code both} subscription in the user's roster (RFC 6121 §4).
 */
final class BlockPresence {
  private final Rosters rosters;
  private final SessionRegistry sessions;
  private final Consumer<Stanza> routeFromServer;

  BlockPresence(Rosters rosters, SessionRegistry sessions, Consumer<Stanza> routeFromServer) {
    this.rosters = rosters;
    this.sessions = sessions;
    this.routeFromServer = routeFromServer;
  }

  /** Completes once the presence is routed (on the thread that read the roster). */
  CompletionStage<Void> changed(Jid user, Set<Jid> jids, boolean blocked) {
    return rosters.roster(user).thenAccept(roster -> {
      List<Jid> targets = targets(roster, jids);
      if (targets.isEmpty()) {
        return;
      }
      for (Session s : sessions.resources(user)) {
        Presence current = s.presence();
        if (!s.isAvailable() || current == null) {
          continue;
        }
        for (Jid to : targets) {
          Presence p = blocked
              ? new Presence(to, s.jid(), null, Presence.Type.UNAVAILABLE, null, List.of())
              : current.withAddresses(to, s.jid());
          routeFromServer.accept(p);
        }
      }
    });
  }

  // A bare or full item goes to itself if its account is subscribed; a domain item (or
  // domain/resource, for which no roster item exists) to every subscribed contact it matches.
  private static List<Jid> targets(List<RosterItem> roster, Set<Jid> jids) {
    List<Jid> targets = new ArrayList<>();
    for (Jid jid : jids) {
      if (jid.local() != null) {
        for (RosterItem item : roster) {
          if (item.subscription().hasFrom() && item.jid().equals(jid.asBare())) {
            targets.add(jid);
            break;
          }
        }
      } else {
        for (RosterItem item : roster) {
          if (item.subscription().hasFrom() && Blocking.matches(Set.of(jid), item.jid())
              && !targets.contains(item.jid())) {
            targets.add(item.jid());
          }
        }
      }
    }
    return targets;
  }
}
