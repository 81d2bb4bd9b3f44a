package io.parley.embedded.internal.feature.muc;

import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.StanzaError.Condition;
import io.parley.spi.storage.ArchivePage;
import io.parley.spi.storage.ArchiveQuery;
import io.parley.spi.storage.ArchiveStore;
import io.parley.spi.storage.ArchivedMessage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * XEP-0313 queries on a room's archive (§4 with XEP-0059 paging): the filters {@code with},
 * {@code start}, {@code end}, {@code after-id}, {@code before-id}, {@code ids}. Runs on the
 * blocking executor, after the appends queued before it.
 */
final class RoomArchiveQueries {
  static final String MAM = "urn:xmpp:mam:2";
  static final String RSM = "http://jabber.org/protocol/rsm";
  static final String FORWARD = "urn:xmpp:forward:0";
  private static final int MAX_PAGE = 100;

  private RoomArchiveQueries() {}

  /** The query form (§4.1.1). */
  static Element form() {
    return Element.builder("query", MAM).child(DataForms.form("form", MAM)
        .field("with", "jid-single", null)
        .field("start", "text-single", null)
        .field("end", "text-single", null)
        .field("after-id", "text-single", null)
        .field("before-id", "text-single", null)
        .list("ids", "list-multi", null, List.of(), List.of())
        .build()).build();
  }

  /** Reads the query; throws {@code bad-request} for a malformed one. */
  static ArchiveQuery parse(Element query) {
    Jid with = null;
    Instant start = null;
    Instant end = null;
    String afterId = null;
    String beforeId = null;
    List<String> ids = List.of();
    Element x = query.child("x", Muc.DATA);
    try {
      if (x != null) {
        Map<String, List<String>> v = DataForms.values(x);
        with = first(v, "with") == null ? null : Jid.of(first(v, "with"));
        start = first(v, "start") == null ? null : Instant.parse(first(v, "start"));
        end = first(v, "end") == null ? null : Instant.parse(first(v, "end"));
        afterId = first(v, "after-id");
        beforeId = first(v, "before-id");
        ids = v.getOrDefault("ids", List.of());
      }
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new StanzaErrorException(Condition.BAD_REQUEST);
    }
    Element set = query.child("set", RSM);
    int max = MAX_PAGE;
    String after = null;
    String before = null;
    boolean last = false;
    if (set != null) {
      String m = set.childText("max", RSM);
      if (m != null) {
        try {
          max = Math.min(MAX_PAGE, Math.max(0, Integer.parseInt(m.trim())));
        } catch (NumberFormatException e) {
          throw new StanzaErrorException(Condition.BAD_REQUEST);
        }
      }
      after = set.childText("after", RSM);
      Element b = set.child("before", RSM);
      if (b != null) {
        if (b.text().isEmpty()) {
          last = true;
        } else {
          before = b.text();
        }
      }
      if (after != null && (before != null || last)) {
        throw new StanzaErrorException(Condition.BAD_REQUEST);
      }
    }
    return new ArchiveQuery(with, start, end, afterId, beforeId, ids, after, before, last, max);
  }

  private static String first(Map<String, List<String>> v, String var) {
    List<String> values = v.get(var);
    return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
  }

  /** Runs the query and sends the result messages, then the IQ result with {@code <fin/>}. */
  static void answer(ArchiveStore store, Jid room, Iq iq, ArchiveQuery q, RoomBroadcast out) {
    ArchivePage page;
    try {
      page = store.query(room, q);
    } catch (NoSuchElementException e) {
      out.send(iq.errorReply(io.parley.spi.stanza.StanzaError.of(Condition.ITEM_NOT_FOUND)));
      return;
    }
    String queryId = iq.payload().attribute("queryid");
    for (ArchivedMessage m : page.messages()) {
      Element forwarded = Element.builder("forwarded", FORWARD)
          .child(Element.builder("delay", Muc.DELAY)
              .attribute("stamp", m.timestamp().toString()).build())
          .child(m.message().toElement()).build();
      Element result = Element.builder("result", MAM).attribute("queryid", queryId)
          .attribute("id", m.id()).child(forwarded).build();
      out.send(new Message(iq.from(), room, Ids.next(), Message.Type.NORMAL,
          null, List.of(result)));
    }
    Element.Builder set = Element.builder("set", RSM);
    if (!page.messages().isEmpty()) {
      set.child(Muc.text("first", RSM, page.messages().get(0).id()));
      set.child(Muc.text("last", RSM, page.messages().get(page.messages().size() - 1).id()));
    }
    out.send(iq.result(Element.builder("fin", MAM)
        .attribute("complete", Boolean.toString(page.complete())).child(set.build()).build()));
  }

  static ArchivedMessage entry(Message m, String id, Instant at) {
    return new ArchivedMessage(id, at, m.from(), m);
  }
}
