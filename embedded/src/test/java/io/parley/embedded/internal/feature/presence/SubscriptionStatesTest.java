package io.parley.embedded.internal.feature.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.embedded.internal.feature.presence.SubscriptionStates.Transition;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.roster.RosterItem.Subscription;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Presence.Type;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every row of RFC 6121 Appendix A. States are written as in the RFC: a subscription, "+out" for
 * Pending Out (ask), "+in" for Pending In, "+approved" for a pre-approval; "-" is no roster item.
 */
class SubscriptionStatesTest {
  private static final Jid PEER = Jid.of("contact@example.test");

  @ParameterizedTest(name = "outbound {0} in {1} -> {2}, routed {3}")
  @CsvSource({
      // A.2.1 subscribe
      "SUBSCRIBE, -, none+out, true",
      "SUBSCRIBE, none, none+out, true",
      "SUBSCRIBE, none+out, none+out, true",
      "SUBSCRIBE, none+in, none+out+in, true",
      "SUBSCRIBE, none+out+in, none+out+in, true",
      "SUBSCRIBE, to, to, true",
      "SUBSCRIBE, to+in, to+in, true",
      "SUBSCRIBE, from, from+out, true",
      "SUBSCRIBE, from+out, from+out, true",
      "SUBSCRIBE, both, both, true",
      // A.2.2 unsubscribe
      "UNSUBSCRIBE, -, -, true",
      "UNSUBSCRIBE, none, none, true",
      "UNSUBSCRIBE, none+out, none, true",
      "UNSUBSCRIBE, none+in, none+in, true",
      "UNSUBSCRIBE, none+out+in, none+in, true",
      "UNSUBSCRIBE, to, none, true",
      "UNSUBSCRIBE, to+in, none+in, true",
      "UNSUBSCRIBE, from, from, true",
      "UNSUBSCRIBE, from+out, from, true",
      "UNSUBSCRIBE, both, from, true",
      // A.2.3 subscribed: approves Pending In, else pre-approves (§3.4) without routing
      "SUBSCRIBED, -, none+approved, false",
      "SUBSCRIBED, none, none+approved, false",
      "SUBSCRIBED, none+out, none+out+approved, false",
      "SUBSCRIBED, none+in, from, true",
      "SUBSCRIBED, none+out+in, from+out, true",
      "SUBSCRIBED, to, to+approved, false",
      "SUBSCRIBED, to+in, both, true",
      "SUBSCRIBED, from, from, false",
      "SUBSCRIBED, from+out, from+out, false",
      "SUBSCRIBED, both, both, false",
      // A.2.4 unsubscribed
      "UNSUBSCRIBED, -, -, true",
      "UNSUBSCRIBED, none, none, true",
      "UNSUBSCRIBED, none+approved, none, true",
      "UNSUBSCRIBED, none+out, none+out, true",
      "UNSUBSCRIBED, none+in, none, true",
      "UNSUBSCRIBED, none+out+in, none+out, true",
      "UNSUBSCRIBED, to, to, true",
      "UNSUBSCRIBED, to+in, to, true",
      "UNSUBSCRIBED, from, none, true",
      "UNSUBSCRIBED, from+out, none+out, true",
      "UNSUBSCRIBED, both, to, true",
  })
  void outbound(Type type, String before, String after, boolean routed) {
    State s = State.parse(before);
    Transition t = SubscriptionStates.outbound(type, PEER, s.item, s.pendingIn);
    assertEquals(after, State.of(t.item(), t.pendingIn()));
    assertEquals(routed, t.forward());
  }

  @ParameterizedTest(name = "inbound {0} in {1} -> {2}, delivered {3}, auto-reply {4}")
  @CsvSource({
      // A.3.1 subscribe; From and Both answer subscribed themselves (§3.1.3)
      "SUBSCRIBE, -, -+in, true, false",
      "SUBSCRIBE, none, none+in, true, false",
      "SUBSCRIBE, none+out, none+out+in, true, false",
      "SUBSCRIBE, none+in, none+in, false, false",
      "SUBSCRIBE, none+out+in, none+out+in, false, false",
      "SUBSCRIBE, to, to+in, true, false",
      "SUBSCRIBE, to+in, to+in, false, false",
      "SUBSCRIBE, from, from, false, true",
      "SUBSCRIBE, from+out, from+out, false, true",
      "SUBSCRIBE, both, both, false, true",
      // §3.4: pre-approved
      "SUBSCRIBE, none+approved, from, false, true",
      "SUBSCRIBE, to+approved, both, false, true",
      // A.3.2 unsubscribe
      "UNSUBSCRIBE, -, -, false, false",
      "UNSUBSCRIBE, none, none, false, false",
      "UNSUBSCRIBE, none+out, none+out, false, false",
      "UNSUBSCRIBE, none+in, none, true, false",
      "UNSUBSCRIBE, none+out+in, none+out, true, false",
      "UNSUBSCRIBE, to, to, false, false",
      "UNSUBSCRIBE, to+in, to, true, false",
      "UNSUBSCRIBE, from, none, true, false",
      "UNSUBSCRIBE, from+out, none+out, true, false",
      "UNSUBSCRIBE, both, to, true, false",
      // A.3.3 subscribed
      "SUBSCRIBED, -, -, false, false",
      "SUBSCRIBED, none, none, false, false",
      "SUBSCRIBED, none+out, to, true, false",
      "SUBSCRIBED, none+in, none+in, false, false",
      "SUBSCRIBED, none+out+in, to+in, true, false",
      "SUBSCRIBED, to, to, false, false",
      "SUBSCRIBED, to+in, to+in, false, false",
      "SUBSCRIBED, from, from, false, false",
      "SUBSCRIBED, from+out, both, true, false",
      "SUBSCRIBED, both, both, false, false",
      // A.3.4 unsubscribed
      "UNSUBSCRIBED, -, -, false, false",
      "UNSUBSCRIBED, none, none, false, false",
      "UNSUBSCRIBED, none+out, none, true, false",
      "UNSUBSCRIBED, none+in, none+in, false, false",
      "UNSUBSCRIBED, none+out+in, none+in, true, false",
      "UNSUBSCRIBED, to, none, true, false",
      "UNSUBSCRIBED, to+in, none+in, true, false",
      "UNSUBSCRIBED, from, from, false, false",
      "UNSUBSCRIBED, from+out, from, true, false",
      "UNSUBSCRIBED, both, from, true, false",
  })
  void inbound(Type type, String before, String after, boolean delivered, boolean autoReply) {
    State s = State.parse(before);
    Transition t = SubscriptionStates.inbound(type, s.item, s.pendingIn);
    assertEquals(after, State.of(t.item(), t.pendingIn()));
    assertEquals(delivered, t.forward());
    assertEquals(autoReply, t.autoReply());
  }

  private record State(RosterItem item, boolean pendingIn) {
    static State parse(String s) {
      String[] parts = s.split("\\+");
      boolean in = false;
      boolean out = false;
      boolean approved = false;
      for (int i = 1; i < parts.length; i++) {
        switch (parts[i]) {
          case "in" -> in = true;
          case "out" -> out = true;
          case "approved" -> approved = true;
          default -> throw new IllegalArgumentException(s);
        }
      }
      RosterItem item = parts[0].equals("-") ? null : new RosterItem(PEER, null,
          Subscription.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT)), out, approved,
          Set.of());
      return new State(item, in);
    }

    static String of(RosterItem item, boolean pendingIn) {
      StringBuilder sb = new StringBuilder(item == null ? "-" : item.subscription().wireName());
      if (item != null && item.askSubscribe()) {
        sb.append("+out");
      }
      if (pendingIn) {
        sb.append("+in");
      }
      if (item != null && item.approved()) {
        sb.append("+approved");
      }
      return sb.toString();
    }
  }
}
