package io.parley.embedded.internal.feature.mam;

import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.StanzaError;
import io.parley.spi.stanza.StanzaError.Condition;
import io.parley.spi.storage.ArchiveQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A parsed {@code <query xmlns='urn:xmpp:mam:2'>}: the XEP-0004 form's filters (XEP-0313 §4.1),
 * the XEP-0059 {@code <set/>}, {@code queryid} and {@code <flip-page/>}.
 *
 * @param ids the distinct ids of the {@code ids} field, in the client's order
 */
record QueryRequest(ArchiveQuery query, String queryId, boolean flipPage, Set<String> ids) {
  private static final Set<String> FIELDS =
      Set.of("FORM_TYPE", "with", "start", "end", "before-id", "after-id", "ids");

  /**
   * Reads a query.
   *
   * @param maxPageSize the server's cap on {@code <max/>}, also the size of a page the client
   *     did not limit
   * @throws StanzaErrorException {@code bad-request} for a malformed form, value or set,
   *     {@code feature-not-implemented} for a field this server does not know (§4.1.5) or a
   *     set with {@code <index/>}
   */
  static QueryRequest parse(Element query, int maxPageSize) throws StanzaErrorException {
    Jid with = null;
    Instant start = null;
    Instant end = null;
    String afterId = null;
    String beforeId = null;
    Set<String> ids = new LinkedHashSet<>();
    Element form = query.child("x", Mam.DATA);
    if (form != null) {
      if (!"submit".equals(form.attribute("type"))) {
        throw bad("the query form must be of type submit");
      }
      boolean formType = false;
      Set<String> seen = new HashSet<>();
      for (Element field : form.elements()) {
        if (!field.name().equals("field") || !field.namespace().equals(Mam.DATA)) {
          continue;
        }
        String var = field.attribute("var");
        if (var == null) {
          throw bad("a field without var");
        }
        if (!FIELDS.contains(var)) {
          throw new StanzaErrorException(Condition.FEATURE_NOT_IMPLEMENTED);
        }
        if (!seen.add(var)) {
          throw bad("field " + var + " given twice");
        }
        List<String> values = values(field);
        if (var.equals("ids")) {
          for (String v : values) {
            if (v.isEmpty()) {
              throw bad("an empty id");
            }
            ids.add(v);
          }
          continue;
        }
        if (values.size() > 1) {
          throw bad("field " + var + " has more than one value");
        }
        String value = values.isEmpty() ? null : values.get(0).trim();
        if (var.equals("FORM_TYPE")) {
          if (!Mam.NAMESPACE.equals(value)) {
            throw bad("FORM_TYPE must be " + Mam.NAMESPACE);
          }
          formType = true;
          continue;
        }
        if (value == null || value.isEmpty()) {
          continue; // an empty field filters nothing
        }
        switch (var) {
          case "with" -> with = jid(value);
          case "start" -> start = instant(value);
          case "end" -> end = instant(value);
          case "after-id" -> afterId = value;
          case "before-id" -> beforeId = value;
          default -> throw new IllegalStateException(var);
        }
      }
      if (!formType) {
        throw bad("the query form has no FORM_TYPE");
      }
    }
    int max = maxPageSize;
    String pageAfter = null;
    String pageBefore = null;
    boolean lastPage = false;
    Element set = query.child("set", Mam.RSM);
    if (set != null) {
      Element maxElement = set.child("max", Mam.RSM);
      if (maxElement != null) {
        try {
          // XEP-0059 §2.1: the server returns at most its own limit.
          max = Math.min(Integer.parseInt(maxElement.text().trim()), maxPageSize);
        } catch (NumberFormatException e) {
          throw bad("max is not a number");
        }
        if (max < 0) {
          throw bad("max is negative");
        }
      }
      if (set.child("index", Mam.RSM) != null) {
        // XEP-0059 §2.5 out-of-order pages: archives page by id.
        throw new StanzaErrorException(Condition.FEATURE_NOT_IMPLEMENTED);
      }
      Element after = set.child("after", Mam.RSM);
      Element before = set.child("before", Mam.RSM);
      if (after != null && before != null) {
        // XEP-0313 §4.3.2: undefined by RSM; before-id and after-id express a range.
        throw bad("give either after or before");
      }
      if (after != null) {
        pageAfter = after.text().trim();
        if (pageAfter.isEmpty()) {
          throw bad("after needs an id");
        }
      }
      if (before != null) {
        String text = before.text().trim();
        if (text.isEmpty()) {
          lastPage = true; // XEP-0059 §2.5: an empty before asks for the last page
        } else {
          pageBefore = text;
        }
      }
    }
    ArchiveQuery q = new ArchiveQuery(with, start, end, afterId, beforeId,
        new ArrayList<>(ids), pageAfter, pageBefore, lastPage, max);
    boolean flip = query.child("flip-page", Mam.NAMESPACE) != null;
    return new QueryRequest(q, query.attribute("queryid"), flip, ids);
  }

  private static List<String> values(Element field) {
    List<String> values = new ArrayList<>();
    for (Element v : field.elements()) {
      if (v.name().equals("value") && v.namespace().equals(Mam.DATA)) {
        values.add(v.text());
      }
    }
    return values;
  }

  private static Jid jid(String value) throws StanzaErrorException {
    try {
      return Jid.of(value);
    } catch (RuntimeException e) {
      throw bad("with is not a JID");
    }
  }

  private static Instant instant(String value) throws StanzaErrorException {
    try {
      return Mam.parseStamp(value);
    } catch (DateTimeParseException e) {
      throw bad("not a XEP-0082 DateTime: " + value);
    }
  }

  private static StanzaErrorException bad(String text) {
    return new StanzaErrorException(StanzaError.of(Condition.BAD_REQUEST, text));
  }
}
