package io.parley.embedded.internal.feature.roster;

import io.parley.embedded.internal.session.SessionRegistry;
import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.IqScope;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.InvalidJidException;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.StanzaError;
import io.parley.spi.stanza.StanzaError.Condition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.inject.Inject;

/**
 * Roster get, set and remove (RFC 6121 §2.2 to §2.5), with versioning (§2.6, XEP-0237).
 *
 * <pre>{@code
 * C: <iq type='set' id='r1'><query xmlns='jabber:iq:roster'>
 *      <item jid='nurse@example.com' name='Nurse'><group>Servants</group></item></query></iq>
 * S: <iq type='result' id='r1' to='juliet@example.com/balcony'/>
 * S: <iq type='set' id='roster-7' to='juliet@example.com/balcony'><query xmlns='jabber:iq:roster'
 *      ver='…'><item jid='nurse@example.com' name='Nurse' subscription='none'>…</item></query></iq>
 * }</pre>
 */
final class RosterHandler implements IqHandler {
  /** Longest handle ('name') accepted, in UTF-16 units (§2.3.3: a server-configured limit). */
  static final int MAX_NAME_LENGTH = 1024;
  /** Longest group name accepted, in UTF-16 units (§2.3.3). */
  static final int MAX_GROUP_LENGTH = 1024;

  private final RosterService rosters;
  private final SessionRegistry sessions;
  private final ServerPresence presence;

  @Inject
  RosterHandler(RosterService rosters, SessionRegistry sessions, ServerPresence presence) {
    this.rosters = rosters;
    this.sessions = sessions;
    this.presence = presence;
  }

  @Override
  public String namespace() {
    return RosterQuery.NAMESPACE;
  }

  @Override
  public String element() {
    return RosterQuery.ELEMENT;
  }

  @Override
  public Set<IqScope> scopes() {
    return Set.of(IqScope.ACCOUNT);
  }

  @Override
  public Set<String> features() {
    return Set.of(); // announced by the rosterver stream feature, not in disco (as Prosody)
  }

  @Override
  public CompletionStage<Iq> handle(Iq request, IqContext context) {
    Jid user = context.sender().asBare();
    // §2.1.5, §2.3.3: only the account's own resources read or change its roster.
    if (!context.target().equals(user)) {
      return failed(Condition.FORBIDDEN, null);
    }
    Element query = request.payload();
    if (request.type() == Iq.Type.GET) {
      return rosters.get(user, sessions.find(context.sender()), query.attribute("ver"))
          .thenApply(snapshot -> snapshot.items() == null
              ? request.result()
              : request.result(RosterQuery.query(snapshot.version(),
                  snapshot.items().stream().map(RosterQuery::item).toList())));
    }
    try {
      return set(request, query, user);
    } catch (StanzaErrorException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletionStage<Iq> set(Iq request, Element query, Jid user) {
    List<Element> items = new ArrayList<>();
    for (Element child : query.elements()) {
      if (child.name().equals("item") && child.namespace().equals(RosterQuery.NAMESPACE)) {
        items.add(child);
      }
    }
    if (items.size() != 1) {
      throw error(Condition.BAD_REQUEST, "a roster set carries exactly one item");
    }
    Element item = items.get(0);
    Jid contact = contact(item, user);
    String name = item.attribute("name");
    if (name != null && name.length() > MAX_NAME_LENGTH) {
      throw error(Condition.NOT_ACCEPTABLE, "name longer than " + MAX_NAME_LENGTH);
    }
    Set<String> groups = groups(item);
    // §2.1.2.5: in a roster set only subscription='remove' means anything; 'ask' and
    // 'approved' are ignored (§2.1.2.1, §2.1.2.2).
    if ("remove".equals(item.attribute("subscription"))) {
      // Answered once the contact's side has taken the cancellations, so that a client which
      // removes a contact and adds it again at once has the contact see them in that order.
      return rosters.remove(user, contact)
          .thenCompose(removed -> cancelSubscriptions(user, removed))
          .thenApply(done -> request.result());
    }
    return rosters.set(user, contact, name == null || name.isEmpty() ? null : name, groups)
        .thenApply(set -> request.result());
  }

  private static Jid contact(Element item, Jid user) {
    String jid = item.attribute("jid");
    if (jid == null) {
      throw error(Condition.BAD_REQUEST, "item without jid");
    }
    Jid contact;
    try {
      contact = Jid.of(jid);
    } catch (InvalidJidException e) {
      throw error(Condition.JID_MALFORMED, null);
    }
    if (contact.isFull()) {
      throw error(Condition.BAD_REQUEST, "roster items are bare JIDs");
    }
    if (contact.equals(user)) {
      // The account's own JID is no contact (Prosody answers the same).
      throw error(Condition.NOT_ALLOWED, "the account itself cannot be a roster item");
    }
    return contact;
  }

  // §2.3.3: duplicates are bad-request; empty or too long names are not-acceptable.
  private static Set<String> groups(Element item) {
    Set<String> groups = new HashSet<>();
    for (Element child : item.elements()) {
      if (!child.name().equals("group") || !child.namespace().equals(RosterQuery.NAMESPACE)) {
        continue;
      }
      String group = child.text();
      if (group.isEmpty()) {
        throw error(Condition.NOT_ACCEPTABLE, "empty group name");
      }
      if (group.length() > MAX_GROUP_LENGTH) {
        throw error(Condition.NOT_ACCEPTABLE, "group name longer than " + MAX_GROUP_LENGTH);
      }
      if (!groups.add(group)) {
        throw error(Condition.BAD_REQUEST, "duplicate group " + group);
      }
    }
    return groups;
  }

  /**
   * §2.5.2: removing a contact ends the subscriptions both ways, by presence from the user's bare
   * JID that the contact's side processes: unsubscribe if the user subscribed to (or asked for)
   * the contact's presence, unsubscribed if the contact had the user's.
   */
  private CompletionStage<Void> cancelSubscriptions(Jid user, RosterItem removed) {
    CompletionStage<Void> done = CompletableFuture.completedFuture(null);
    if (removed.subscription().hasTo() || removed.askSubscribe()) {
      done = presence.send(cancellation(removed.jid(), user, Presence.Type.UNSUBSCRIBE));
    }
    if (removed.subscription().hasFrom()) {
      // Sent after the first: the contact's work runs in order, so this one settles last.
      done = presence.send(cancellation(removed.jid(), user, Presence.Type.UNSUBSCRIBED));
    }
    return done;
  }

  private static Presence cancellation(Jid to, Jid from, Presence.Type type) {
    return new Presence(to, from, null, type, null, List.of());
  }

  private static StanzaErrorException error(Condition condition, String text) {
    return new StanzaErrorException(StanzaError.of(condition, text));
  }

  private static CompletionStage<Iq> failed(Condition condition, String text) {
    return CompletableFuture.failedFuture(error(condition, text));
  }
}
