package io.parley.embedded.internal.feature.mam;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.storage.ArchivePreferences;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** XEP-0313 names, the storage rules of §7.1.1, and XEP-0359 stanza IDs. */
final class Mam {
  static final String NAMESPACE = "urn:xmpp:mam:2";
  static final String EXTENDED = "urn:xmpp:mam:2#extended";
  static final String RSM = "http://jabber.org/protocol/rsm";
  static final String DATA = "jabber:x:data";
  static final String FORWARD = "urn:xmpp:forward:0";
  static final String DELAY = "urn:xmpp:delay";
  static final String SID = "urn:xmpp:sid:0";
  static final String HINTS = "urn:xmpp:hints";
  static final String XDATA_VALIDATE = "http://jabber.org/protocol/xdata-validate";

  private Mam() {}

  /**
   * Whether a message belongs in a user archive (XEP-0313 §7.1.1, XEP-0334): chat and normal
   * messages with a body, or with a {@code <store/>} hint; never groupchat, headline or error,
   * nor with {@code <no-store/>} or {@code <no-permanent-store/>}.
   */
  static boolean archivable(Message m) {
    if (m.type() != Message.Type.CHAT && m.type() != Message.Type.NORMAL) {
      return false;
    }
    boolean store = m.body() != null;
    for (Element child : m.children()) {
      if (child.namespace().equals(HINTS)) {
        switch (child.name()) {
          case "no-store", "no-permanent-store" -> {
            return false;
          }
          case "store" -> store = true;
          default -> { }
        }
      }
    }
    return store;
  }

  /** The message without the {@code <stanza-id/>} elements whose {@code by} passes the test. */
  static Message withoutStanzaIds(Message m, Predicate<String> by) {
    List<Element> kept = null;
    List<Element> children = m.children();
    for (int i = 0; i < children.size(); i++) {
      Element child = children.get(i);
      boolean drop = child.name().equals("stanza-id") && child.namespace().equals(SID)
          && by.test(child.attribute("by"));
      if (drop && kept == null) {
        kept = new ArrayList<>(children.subList(0, i));
      } else if (!drop && kept != null) {
        kept.add(child);
      }
    }
    return kept == null ? m : new Message(m.to(), m.from(), m.id(), m.type(), m.lang(), kept);
  }

  /** XEP-0359: the message with {@code <stanza-id xmlns='urn:xmpp:sid:0' id by/>} added. */
  static Message withStanzaId(Message m, String id, Jid by) {
    List<Element> children = new ArrayList<>(m.children());
    children.add(Element.builder("stanza-id", SID)
        .attribute("id", id)
        .attribute("by", by.toString())
        .build());
    return new Message(m.to(), m.from(), m.id(), m.type(), m.lang(), children);
  }

  /** Whether a user's preferences let a contact's messages be archived (XEP-0441 §2.1, §2.3). */
  static Decision decide(ArchivePreferences prefs, Jid contact) {
    Jid bare = contact.asBare();
    // Never wins over always when a JID is on both lists: the safer reading for privacy.
    for (Jid j : prefs.never()) {
      if (j.isFull() ? j.equals(contact) : j.equals(bare)) {
        return Decision.NO;
      }
    }
    for (Jid j : prefs.always()) {
      if (j.isFull() ? j.equals(contact) : j.equals(bare)) {
        return Decision.YES;
      }
    }
    return switch (prefs.defaultBehaviour()) {
      case ALWAYS -> Decision.YES;
      case NEVER -> Decision.NO;
      case ROSTER -> Decision.IF_IN_ROSTER;
    };
  }

  enum Decision { YES, NO, IF_IN_ROSTER }

  /** A XEP-0082 DateTime in UTC with milliseconds, as archive timestamps are kept. */
  static String stamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * Parses a XEP-0082 DateTime ({@code CCYY-MM-DDThh:mm:ss[.sss]TZD}).
   *
   * @throws DateTimeParseException if it is not one
   */
  static Instant parseStamp(String text) {
    return OffsetDateTime.parse(text.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }
}
