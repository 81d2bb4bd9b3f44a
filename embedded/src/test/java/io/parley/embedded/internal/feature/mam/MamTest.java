package io.parley.embedded.internal.feature.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.InMemoryCredentialStore;
import io.parley.embedded.Parley;
import io.parley.embedded.internal.storage.memory.InMemoryArchiveStore;
import io.parley.embedded.testing.TestClient;
import io.parley.embedded.testing.XmlOutput;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError.Condition;
import io.parley.spi.storage.ArchivePage;
import io.parley.spi.storage.ArchivePreferences;
import io.parley.spi.storage.ArchiveQuery;
import io.parley.spi.storage.ArchiveStore;
import io.parley.spi.storage.ArchivedMessage;
import io.parley.spi.storage.NonBlockingStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XEP-0313 through in-process sessions and the real graph: archiving, queries, errors. */
class MamTest {
  static final String NS = "urn:xmpp:mam:2";
  static final String RSM = "http://jabber.org/protocol/rsm";
  static final String SID = "urn:xmpp:sid:0";
  static final Jid JULIET = Jid.of("juliet@example.test");
  static final Jid ROMEO = Jid.of("romeo@example.test");

  @TempDir Path dataDir;
  private Parley parley;
  private final InMemoryArchiveStore store = new InMemoryArchiveStore();

  private Parley server(Consumer<Parley.Builder> customize) {
    Parley.Builder b = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir)
        .credentials(new InMemoryCredentialStore().addUser("juliet", "pw")
            .addUser("romeo", "pw").addUser("nurse", "pw"))
        .archiveStore(store);
    customize.accept(b);
    parley = b.build().start();
    return parley;
  }

  private Parley server() {
    return server(b -> { });
  }

  @AfterEach
  void close() {
    if (parley != null) {
      parley.close();
    }
  }

  // ---- helpers ----

  private TestClient online(String jid) {
    return new TestClient(parley, jid).available(0);
  }

  /** A round trip through the sender's session: everything it sent before has been routed. */
  private static void settle(TestClient c) throws Exception {
    Iq r = c.request(Iq.Type.GET, Jid.of("example.test"),
        Element.of("query", "http://jabber.org/protocol/disco#info"));
    assertEquals(Iq.Type.RESULT, r.type());
  }

  private static Message chat(String to, String body) {
    return Message.chat(Jid.of(to), body);
  }

  /** The result messages of one query and its IQ response. */
  record Answer(List<Message> results, Iq iq) {
    List<String> bodies() {
      return results.stream().map(Answer::forwardedBody).toList();
    }

    List<String> ids() {
      return results.stream().map(m -> m.child("result", NS).attribute("id")).toList();
    }

    static Message forwarded(Message result) {
      Element fwd = result.child("result", NS).child("forwarded", "urn:xmpp:forward:0");
      return (Message) Stanza.fromElement(fwd.child("message", Stanza.CLIENT_NAMESPACE));
    }

    static String forwardedBody(Message result) {
      return forwarded(result).body();
    }

    Element fin() {
      return iq.child("fin", NS);
    }

    boolean complete() {
      return "true".equals(fin().attribute("complete"));
    }

    String first() {
      return fin().child("set", RSM).childText("first", RSM);
    }

    String last() {
      return fin().child("set", RSM).childText("last", RSM);
    }

    Condition error() {
      return iq.error() == null ? null : iq.error().condition();
    }
  }

  /** Sends a query to {@code to} (null: own account) and collects what answers it. */
  private static Answer ask(TestClient c, Jid to, String queryXml) throws Exception {
    String id = "q" + System.nanoTime();
    c.session.send(new Iq(to, null, id, Iq.Type.SET, null, List.of(XmlOutput.element(queryXml))));
    List<Message> results = new ArrayList<>();
    while (true) {
      Stanza s = c.next();
      if (s instanceof Message m && m.child("result", NS) != null) {
        assertEquals(c.jid(), m.to());
        results.add(m);
      } else if (s instanceof Iq iq && id.equals(iq.id())) {
        return new Answer(results, iq);
      }
    }
  }

  private static Answer ask(TestClient c, String queryXml) throws Exception {
    return ask(c, null, queryXml);
  }

  static String form(String... fields) {
    StringBuilder x = new StringBuilder("<x xmlns='jabber:x:data' type='submit'>"
        + "<field var='FORM_TYPE' type='hidden'><value>urn:xmpp:mam:2</value></field>");
    for (int i = 0; i < fields.length; i += 2) {
      x.append("<field var='").append(fields[i]).append("'><value>").append(fields[i + 1])
          .append("</value></field>");
    }
    return x.append("</x>").toString();
  }

  static String query(String form, String set) {
    return "<query xmlns='urn:xmpp:mam:2' queryid='qid'>" + form + set + "</query>";
  }

  static String set(String content) {
    return "<set xmlns='http://jabber.org/protocol/rsm'>" + content + "</set>";
  }

  private ArchivePage archiveOf(Jid user) {
    return parley.archive(user, ArchiveQuery.first(10_000)).toCompletableFuture().join();
  }

  private List<String> bodiesIn(Jid user) {
    return archiveOf(user).messages().stream().map(e -> e.message().body()).toList();
  }

  /** Romeo sends n numbered messages to juliet, who is online, and they are all routed. */
  private void converse(TestClient romeo, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      romeo.session.send(chat("juliet@example.test", "m" + i));
    }
    settle(romeo);
  }

  private static List<String> numbered(int from, int to) {
    List<String> l = new ArrayList<>();
    for (int i = from; i < to; i++) {
      l.add("m" + i);
    }
    return l;
  }

  // ---- discovery ----

  @Test
  void accountAdvertisesMamAndExtended() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    Iq info = juliet.request(Iq.Type.GET, JULIET,
        Element.of("query", "http://jabber.org/protocol/disco#info"));
    List<String> features = info.payload().elements().stream()
        .filter(e -> e.name().equals("feature")).map(e -> e.attribute("var")).toList();
    assertTrue(features.contains(NS), features.toString());
    assertTrue(features.contains(NS + "#extended"), features.toString());
  }

  @Test
  void getReturnsTheQueryForm() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    Iq form = juliet.request(Iq.Type.GET, null, Element.of("query", NS));
    assertEquals(Iq.Type.RESULT, form.type());
    Element x = form.payload().child("x", "jabber:x:data");
    assertEquals("form", x.attribute("type"));
    List<String> vars = x.elements().stream().map(e -> e.attribute("var")).toList();
    assertEquals(List.of("FORM_TYPE", "with", "start", "end", "before-id", "after-id", "ids"),
        vars);
    Element ids = x.elements().get(6);
    assertEquals("list-multi", ids.attribute("type"));
    assertNotNull(ids.child("validate", "http://jabber.org/protocol/xdata-validate")
        .child("open", "http://jabber.org/protocol/xdata-validate"));
    assertNull(x.elements().get(0).child("required", "jabber:x:data"));
  }

  // ---- archiving ----

  @Test
  void chatIsArchivedForBothPartiesAndDeliveredWithTheStanzaId() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    romeo.session.send(chat("juliet@example.test", "hello"));
    Message got = (Message) juliet.next(s -> s instanceof Message);
    Element sid = got.child("stanza-id", SID);
    assertNotNull(sid);
    assertEquals("juliet@example.test", sid.attribute("by"));
    ArchivePage julietArchive = archiveOf(JULIET);
    assertEquals(1, julietArchive.messages().size());
    ArchivedMessage in = julietArchive.messages().get(0);
    assertEquals(sid.attribute("id"), in.id());
    assertEquals(Jid.of("romeo@example.test/orchard"), in.with());
    assertEquals("hello", in.message().body());
    settle(romeo);
    List<ArchivedMessage> out = archiveOf(ROMEO).messages();
    assertEquals(1, out.size());
    assertEquals(JULIET, out.get(0).with());
    assertEquals("hello", out.get(0).message().body());
  }

  @Test
  void messageToAnOfflineUserIsArchivedAndTheOfflineCopyCarriesTheId() throws Exception {
    server();
    TestClient romeo = online("romeo@example.test/orchard");
    romeo.session.send(chat("juliet@example.test", "while you slept"));
    settle(romeo);
    List<ArchivedMessage> archived = archiveOf(JULIET).messages();
    assertEquals(1, archived.size());
    TestClient juliet = online("juliet@example.test/balcony");
    Message got = (Message) juliet.next(s -> s instanceof Message);
    assertEquals("while you slept", got.body());
    assertEquals(archived.get(0).id(), got.child("stanza-id", SID).attribute("id"));
  }

  @Test
  void onlyConversationMessagesAreArchived() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    Element body = Element.builder("body", Stanza.CLIENT_NAMESPACE).text("x").build();
    Jid to = Jid.of("juliet@example.test/balcony");
    romeo.session.send(new Message(to, null, "1", Message.Type.HEADLINE, null, List.of(body)));
    romeo.session.send(new Message(to, null, "2", Message.Type.GROUPCHAT, null, List.of(body)));
    romeo.session.send(new Message(to, null, "3", Message.Type.CHAT, null, List.of(
        Element.of("composing", "http://jabber.org/protocol/chatstates"))));
    romeo.session.send(new Message(to, null, "4", Message.Type.CHAT, null, List.of(body,
        Element.of("no-store", "urn:xmpp:hints"))));
    romeo.session.send(new Message(to, null, "5", Message.Type.CHAT, null, List.of(body,
        Element.of("no-permanent-store", "urn:xmpp:hints"))));
    romeo.session.send(new Message(to, null, "6", Message.Type.ERROR, null, List.of(body)));
    romeo.session.send(new Message(to, null, "7", Message.Type.NORMAL, null, List.of(body)));
    romeo.session.send(new Message(to, null, "8", Message.Type.CHAT, null, List.of(
        Element.of("store", "urn:xmpp:hints"))));
    // To a domain the server cannot reach: bounced, so not archived.
    romeo.session.send(new Message(Jid.of("x@elsewhere.test"), null, "9", Message.Type.CHAT,
        null, List.of(body)));
    settle(romeo);
    assertEquals(List.of("7", "8"),
        archiveOf(JULIET).messages().stream().map(e -> e.message().id()).toList());
    assertEquals(List.of("7", "8"),
        archiveOf(ROMEO).messages().stream().map(e -> e.message().id()).toList());
  }

  @Test
  void messageToOwnAccountIsArchivedOnce() throws Exception {
    server();
    TestClient balcony = online("juliet@example.test/balcony");
    balcony.session.send(chat("juliet@example.test", "note to self"));
    settle(balcony);
    assertEquals(List.of("note to self"), bodiesIn(JULIET));
  }

  @Test
  void messagesForUnknownAccountsAreNotArchived() throws Exception {
    server();
    TestClient romeo = online("romeo@example.test/orchard");
    romeo.session.send(chat("ghost@example.test", "anyone?"));
    Stanza bounce = romeo.next(s -> s instanceof Message);
    assertEquals(Message.Type.ERROR, ((Message) bounce).type());
    assertEquals(List.of(), archiveOf(Jid.of("ghost@example.test")).messages());
  }

  @Test
  void stanzaIdsClaimingThisServerAreReplaced() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    romeo.session.send(new Message(JULIET, null, "s1", Message.Type.CHAT, null, List.of(
        Element.builder("body", Stanza.CLIENT_NAMESPACE).text("trust me").build(),
        Element.builder("stanza-id", SID).attribute("id", "forged")
            .attribute("by", "juliet@example.test").build(),
        Element.builder("stanza-id", SID).attribute("id", "forged2")
            .attribute("by", "romeo@example.test").build(),
        Element.builder("stanza-id", SID).attribute("id", "theirs")
            .attribute("by", "room@conference.elsewhere.test").build())));
    Message got = (Message) juliet.next(s -> s instanceof Message);
    List<Element> sids = got.children().stream()
        .filter(e -> e.name().equals("stanza-id") && e.namespace().equals(SID)).toList();
    assertEquals(2, sids.size(), sids.toString());
    assertEquals("room@conference.elsewhere.test", sids.get(0).attribute("by"));
    assertEquals("theirs", sids.get(0).attribute("id"));
    assertEquals("juliet@example.test", sids.get(1).attribute("by"));
    assertNotEquals("forged", sids.get(1).attribute("id"));
    assertEquals(sids.get(1).attribute("id"), archiveOf(JULIET).messages().get(0).id());
  }

  // ---- queries ----

  @Test
  void queryReturnsForwardedResultsBeforeTheFin() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    converse(romeo, 3);
    Answer a = ask(juliet, query("", ""));
    assertEquals(Iq.Type.RESULT, a.iq().type());
    assertEquals(List.of("m0", "m1", "m2"), a.bodies());
    for (Message r : a.results()) {
      assertEquals(JULIET, r.from());
      Element result = r.child("result", NS);
      assertEquals("qid", result.attribute("queryid"));
      Element fwd = result.child("forwarded", "urn:xmpp:forward:0");
      String stamp = fwd.child("delay", "urn:xmpp:delay").attribute("stamp");
      assertNotNull(Instant.parse(stamp));
      Message original = Answer.forwarded(r);
      assertEquals(Jid.of("romeo@example.test/orchard"), original.from());
      assertEquals(JULIET, original.to());
    }
    assertTrue(a.complete());
    assertEquals("qid", a.fin().attribute("queryid"));
    assertEquals(a.ids().get(0), a.first());
    assertEquals(a.ids().get(2), a.last());
    List<String> archived = archiveOf(JULIET).messages().stream().map(ArchivedMessage::id)
        .toList();
    assertEquals(archived, a.ids());
  }

  @Test
  void emptyArchiveAnswersACompleteEmptySet() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    Answer a = ask(juliet, "<query xmlns='urn:xmpp:mam:2'/>");
    assertEquals(List.of(), a.results());
    assertTrue(a.complete());
    assertNotNull(a.fin().child("set", RSM));
    assertNull(a.first());
  }

  @Test
  void aQueryRightAfterSendingSeesTheMessages() throws Exception {
    server();
    online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    for (int i = 0; i < 50; i++) {
      romeo.session.send(chat("juliet@example.test", "m" + i));
    }
    // No settling: the query is routed after the messages and runs behind their appends.
    assertEquals(numbered(0, 50), ask(romeo, query("", "")).bodies());
  }

  @Test
  void withFiltersByBareOrFullJid() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient orchard = online("romeo@example.test/orchard");
    TestClient garden = online("romeo@example.test/garden");
    TestClient nurse = online("nurse@example.test/kitchen");
    orchard.session.send(chat("juliet@example.test", "o1"));
    settle(orchard);
    nurse.session.send(chat("juliet@example.test", "n1"));
    settle(nurse);
    garden.session.send(chat("juliet@example.test", "g1"));
    settle(garden);
    assertEquals(List.of("o1", "g1"),
        ask(juliet, query(form("with", "romeo@example.test"), "")).bodies());
    assertEquals(List.of("g1"),
        ask(juliet, query(form("with", "romeo@example.test/garden"), "")).bodies());
    assertEquals(List.of("n1"),
        ask(juliet, query(form("with", "nurse@example.test"), "")).bodies());
    // Outgoing: romeo's archive (both resources), with the recipient as addressed.
    assertEquals(List.of("o1", "g1"),
        ask(orchard, query(form("with", "juliet@example.test"), "")).bodies());
    assertEquals(List.of(),
        ask(orchard, query(form("with", "juliet@example.test/balcony"), "")).bodies());
  }

  @Test
  void startAndEndFilterByArchiveTimeInclusively() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    converse(romeo, 5);
    List<ArchivedMessage> all = archiveOf(JULIET).messages();
    String second = Mam.stamp(all.get(1).timestamp());
    String fourth = Mam.stamp(all.get(3).timestamp());
    List<String> between = ask(juliet, query(form("start", second, "end", fourth), "")).bodies();
    // Several may share a millisecond: all in [second, fourth], including both ends.
    assertTrue(between.containsAll(List.of("m1", "m2", "m3")), between.toString());
    for (String b : between) {
      Instant t = all.get(Integer.parseInt(b.substring(1))).timestamp();
      assertFalse(t.isBefore(all.get(1).timestamp()) || t.isAfter(all.get(3).timestamp()));
    }
    Instant future = all.get(4).timestamp().plusSeconds(3600);
    assertEquals(List.of(), ask(juliet, query(form("start", Mam.stamp(future)), "")).bodies());
    assertEquals(numbered(0, 5),
        ask(juliet, query(form("end", Mam.stamp(future)), "")).bodies());
    // Another offset, same instant.
    assertEquals(numbered(0, 5),
        ask(juliet, query(form("start", "2000-01-01T02:00:00+02:00"), "")).bodies());
  }

  @Test
  void afterIdBeforeIdAndIdsSelectByArchiveId() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    converse(romeo, 6);
    List<String> ids = archiveOf(JULIET).messages().stream().map(ArchivedMessage::id).toList();
    assertEquals(List.of("m3", "m4", "m5"),
        ask(juliet, query(form("after-id", ids.get(2)), "")).bodies());
    assertEquals(List.of("m0", "m1"),
        ask(juliet, query(form("before-id", ids.get(2)), "")).bodies());
    assertEquals(List.of("m2", "m3"),
        ask(juliet, query(form("after-id", ids.get(1), "before-id", ids.get(4)), "")).bodies());
    String idsField = "<field var='ids'><value>" + ids.get(4) + "</value><value>" + ids.get(1)
        + "</value></field>";
    String f = form().replace("</x>", idsField + "</x>");
    assertEquals(List.of("m1", "m4"), ask(juliet, query(f, "")).bodies());
  }

  @Test
  void pagingForwardsAndBackwardsOverThousandsReturnsEachOnceInOrder() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    int n = 2500;
    converse(romeo, n);
    List<String> expected = numbered(0, n);

    List<String> forwards = new ArrayList<>();
    Answer page = ask(juliet, query("", set("<max>100</max>")));
    forwards.addAll(page.bodies());
    int pages = 1;
    while (!page.complete()) {
      page = ask(juliet, query("", set("<max>100</max><after>" + page.last() + "</after>")));
      assertEquals(page.ids().isEmpty() ? null : page.ids().get(0), page.first());
      forwards.addAll(page.bodies());
      pages++;
    }
    assertEquals(expected, forwards);
    assertEquals(25, pages);

    List<String> backwards = new ArrayList<>();
    page = ask(juliet, query("", set("<max>100</max><before/>")));
    backwards.addAll(0, page.bodies());
    while (!page.complete()) {
      page = ask(juliet, query("", set("<max>100</max><before>" + page.first() + "</before>")));
      backwards.addAll(0, page.bodies());
    }
    assertEquals(expected, backwards);
    assertEquals(n, new HashSet<>(backwards).size());
  }

  @Test
  void lastPageAndFlippedPages() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    converse(romeo, 10);
    Answer last = ask(juliet, query("", set("<max>3</max><before/>")));
    assertEquals(List.of("m7", "m8", "m9"), last.bodies());
    assertFalse(last.complete());
    Answer flipped = ask(juliet, "<query xmlns='urn:xmpp:mam:2'>"
        + set("<max>3</max><before/>") + "<flip-page/></query>");
    assertEquals(List.of("m9", "m8", "m7"), flipped.bodies());
    // Flipping changes the order of sending only: the set still names the page's oldest first.
    assertEquals(last.first(), flipped.first());
    assertEquals(last.last(), flipped.last());
    Answer firstPage = ask(juliet, query("", set("<max>3</max>")));
    assertEquals(List.of("m0", "m1", "m2"), firstPage.bodies());
    assertFalse(firstPage.complete());
    Answer rest = ask(juliet, query("", set("<max>100</max><before>" + firstPage.last()
        + "</before>")));
    assertEquals(List.of("m0", "m1"), rest.bodies());
    assertTrue(rest.complete());
  }

  @Test
  void maxIsCappedAtTheServerLimit() throws Exception {
    server(b -> b.archiveMaxPageSize(7));
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    converse(romeo, 10);
    Answer big = ask(juliet, query("", set("<max>1000</max>")));
    assertEquals(numbered(0, 7), big.bodies());
    assertFalse(big.complete());
    Answer unlimited = ask(juliet, query("", ""));
    assertEquals(numbered(0, 7), unlimited.bodies());
    assertFalse(unlimited.complete());
    Answer zero = ask(juliet, query("", set("<max>0</max>")));
    assertEquals(List.of(), zero.bodies());
    assertFalse(zero.complete());
  }

  @Test
  void filtersCombineWithPaging() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    TestClient nurse = online("nurse@example.test/kitchen");
    for (int i = 0; i < 6; i++) {
      TestClient from = i % 2 == 0 ? romeo : nurse;
      from.session.send(chat("juliet@example.test", "m" + i));
      settle(from);
    }
    Answer p1 = ask(juliet, query(form("with", "romeo@example.test"), set("<max>2</max>")));
    assertEquals(List.of("m0", "m2"), p1.bodies());
    assertFalse(p1.complete());
    Answer p2 = ask(juliet, query(form("with", "romeo@example.test"),
        set("<max>2</max><after>" + p1.last() + "</after>")));
    assertEquals(List.of("m4"), p2.bodies());
    assertTrue(p2.complete());
  }

  // ---- errors ----

  @Test
  void anotherUsersArchiveIsForbidden() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    converse(romeo, 1);
    Answer a = ask(romeo, JULIET, query("", ""));
    assertEquals(Condition.FORBIDDEN, a.error());
    assertEquals(List.of(), a.results());
    assertEquals(Condition.FORBIDDEN, romeo.request(Iq.Type.GET, JULIET,
        Element.of("prefs", NS)).error().condition());
    assertEquals(Condition.FORBIDDEN, romeo.request(Iq.Type.GET, JULIET,
        Element.of("metadata", NS)).error().condition());
    assertEquals(Condition.FORBIDDEN, romeo.request(Iq.Type.GET, JULIET,
        Element.of("query", NS)).error().condition());
    // Juliet's own archive, addressed explicitly, is fine.
    assertEquals(List.of("m0"), ask(juliet, JULIET, query("", "")).bodies());
  }

  @Test
  void badFormsAreBadRequest() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    String[] bad = {
        // wrong and missing FORM_TYPE
        "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>urn:xmpp:mam:1"
            + "</value></field></x>",
        "<x xmlns='jabber:x:data' type='submit'><field var='with'><value>romeo@example.test"
            + "</value></field></x>",
        // not a submitted form
        form().replace("type='submit'", "type='form'"),
        // bad values
        form("start", "yesterday"),
        form("end", "2026-13-01T00:00:00Z"),
        form("start", "2026-01-01"),
        form("with", "@example.test"),
        form("with", "romeo@example.test", "with", "nurse@example.test"),
        form().replace("</x>", "<field var='start'><value>2026-01-01T00:00:00Z</value>"
            + "<value>2026-01-02T00:00:00Z</value></field></x>"),
    };
    for (String f : bad) {
      Answer a = ask(juliet, query(f, ""));
      assertEquals(Condition.BAD_REQUEST, a.error(), f);
    }
  }

  @Test
  void badResultSetsAreBadRequest() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    converse(romeo, 2);
    String id = archiveOf(JULIET).messages().get(0).id();
    for (String s : new String[] {"<max>ten</max>", "<max>-1</max>", "<after/>",
        "<after>" + id + "</after><before>" + id + "</before>"}) {
      assertEquals(Condition.BAD_REQUEST, ask(juliet, query("", set(s))).error(), s);
    }
  }

  @Test
  void unknownFieldsAndIndexAreNotImplemented() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    assertEquals(Condition.FEATURE_NOT_IMPLEMENTED,
        ask(juliet, query(form("{urn:example}free-text", "x"), "")).error());
    assertEquals(Condition.FEATURE_NOT_IMPLEMENTED,
        ask(juliet, query(form("include-groupchat", "true"), "")).error());
    assertEquals(Condition.FEATURE_NOT_IMPLEMENTED,
        ask(juliet, query("", set("<max>2</max><index>3</index>"))).error());
  }

  @Test
  void unknownIdsAreItemNotFound() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    converse(romeo, 2);
    String known = archiveOf(JULIET).messages().get(0).id();
    String[] queries = {
        query(form("after-id", "nope"), ""),
        query(form("before-id", "nope"), ""),
        query(form().replace("</x>", "<field var='ids'><value>" + known
            + "</value><value>nope</value></field></x>"), ""),
        query("", set("<after>nope</after>")),
        query("", set("<before>nope</before>")),
        // An id of romeo's archive is unknown in juliet's.
        query("", set("<after>" + archiveOf(ROMEO).messages().get(0).id() + "</after>")),
    };
    for (String q : queries) {
      Answer a = ask(juliet, q);
      assertEquals(Condition.ITEM_NOT_FOUND, a.error(), q);
      assertEquals(List.of(), a.results());
    }
  }

  // ---- preferences ----

  @Test
  void preferencesDefaultToAlwaysAndCanBeSet() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    Iq got = juliet.request(Iq.Type.GET, null, Element.of("prefs", NS));
    assertEquals(XmlOutput.element("<prefs xmlns='urn:xmpp:mam:2' default='always'>"
        + "<always/><never/></prefs>"), got.payload());
    Element prefs = XmlOutput.element("<prefs xmlns='urn:xmpp:mam:2' default='roster'>"
        + "<always><jid>romeo@example.test</jid></always>"
        + "<never><jid>nurse@example.test</jid><jid>tybalt@example.test/sword</jid></never>"
        + "</prefs>");
    Iq set = juliet.request(Iq.Type.SET, null, prefs);
    assertEquals(prefs, set.payload());
    assertEquals(prefs, juliet.request(Iq.Type.GET, null, Element.of("prefs", NS)).payload());
    // Missing lists are empty.
    Iq never = juliet.request(Iq.Type.SET, null,
        XmlOutput.element("<prefs xmlns='urn:xmpp:mam:2' default='never'/>"));
    assertEquals(XmlOutput.element("<prefs xmlns='urn:xmpp:mam:2' default='never'>"
        + "<always/><never/></prefs>"), never.payload());
  }

  @Test
  void badPreferencesAreRefused() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    assertEquals(Condition.BAD_REQUEST, juliet.request(Iq.Type.SET, null,
        XmlOutput.element("<prefs xmlns='urn:xmpp:mam:2'/>")).error().condition());
    assertEquals(Condition.BAD_REQUEST, juliet.request(Iq.Type.SET, null,
        XmlOutput.element("<prefs xmlns='urn:xmpp:mam:2' default='sometimes'/>")).error()
        .condition());
    assertEquals(Condition.JID_MALFORMED, juliet.request(Iq.Type.SET, null,
        XmlOutput.element("<prefs xmlns='urn:xmpp:mam:2' default='always'>"
            + "<never><jid>@bad</jid></never></prefs>")).error().condition());
    // Nothing changed.
    assertEquals("always", juliet.request(Iq.Type.GET, null, Element.of("prefs", NS))
        .payload().attribute("default"));
  }

  @Test
  void defaultNeverArchivesOnlyTheAlwaysList() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    TestClient nurse = online("nurse@example.test/kitchen");
    juliet.request(Iq.Type.SET, null, XmlOutput.element("<prefs xmlns='urn:xmpp:mam:2' "
        + "default='never'><always><jid>romeo@example.test</jid></always></prefs>"));
    nurse.session.send(chat("juliet@example.test", "from nurse"));
    Message fromNurse = (Message) juliet.next(s -> s instanceof Message m
        && "from nurse".equals(m.body()));
    assertNull(fromNurse.child("stanza-id", SID));
    romeo.session.send(chat("juliet@example.test", "from romeo"));
    Message fromRomeo = (Message) juliet.next(s -> s instanceof Message m
        && "from romeo".equals(m.body()));
    assertNotNull(fromRomeo.child("stanza-id", SID));
    juliet.session.send(chat("nurse@example.test", "to nurse"));
    juliet.session.send(chat("romeo@example.test", "to romeo"));
    assertEquals(List.of("from romeo", "to romeo"), ask(juliet, query("", "")).bodies());
    // The nurse's own archive follows the nurse's preferences (default always).
    settle(nurse);
    assertEquals(List.of("from nurse", "to nurse"), bodiesIn(Jid.of("nurse@example.test")));
  }

  @Test
  void neverListWinsAndFullJidsMatchExactly() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient orchard = online("romeo@example.test/orchard");
    TestClient garden = online("romeo@example.test/garden");
    juliet.request(Iq.Type.SET, null, XmlOutput.element("<prefs xmlns='urn:xmpp:mam:2' "
        + "default='always'><never><jid>romeo@example.test/garden</jid></never></prefs>"));
    orchard.session.send(chat("juliet@example.test", "orchard"));
    settle(orchard);
    garden.session.send(chat("juliet@example.test", "garden"));
    settle(garden);
    assertEquals(List.of("orchard"), ask(juliet, query("", "")).bodies());
    juliet.request(Iq.Type.SET, null, XmlOutput.element("<prefs xmlns='urn:xmpp:mam:2' "
        + "default='always'><always><jid>romeo@example.test</jid></always>"
        + "<never><jid>romeo@example.test</jid></never></prefs>"));
    orchard.session.send(chat("juliet@example.test", "both lists"));
    settle(orchard);
    assertEquals(List.of("orchard"), ask(juliet, query("", "")).bodies());
  }

  @Test
  void rosterDefaultArchivesRosterContactsOnly() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    TestClient nurse = online("nurse@example.test/kitchen");
    Iq added = juliet.request(Iq.Type.SET, null, XmlOutput.element(
        "<query xmlns='jabber:iq:roster'><item jid='romeo@example.test'/></query>"));
    assertEquals(Iq.Type.RESULT, added.type());
    juliet.request(Iq.Type.SET, null,
        XmlOutput.element("<prefs xmlns='urn:xmpp:mam:2' default='roster'/>"));
    romeo.session.send(chat("juliet@example.test", "contact"));
    settle(romeo);
    nurse.session.send(chat("juliet@example.test", "stranger"));
    settle(nurse);
    juliet.session.send(chat("nurse@example.test", "to stranger"));
    assertEquals(List.of("contact"), ask(juliet, query("", "")).bodies());
  }

  @Test
  void preferencesApplyToOfflineUsers() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    juliet.request(Iq.Type.SET, null,
        XmlOutput.element("<prefs xmlns='urn:xmpp:mam:2' default='never'/>"));
    juliet.session.close();
    TestClient romeo = online("romeo@example.test/orchard");
    romeo.session.send(chat("juliet@example.test", "unarchived"));
    settle(romeo);
    assertEquals(List.of(), bodiesIn(JULIET));
    assertEquals(List.of("unarchived"), bodiesIn(ROMEO));
  }

  @Test
  void aNonBlockingStoresPreferencesAreReadAtLoginAndApplyToTheFirstMessage() throws Exception {
    store.setPreferences(JULIET, new ArchivePreferences(ArchivePreferences.Default.NEVER,
        Set.of(), Set.of()));
    List<String> readers = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "test-blocking"));
    try {
      server(b -> b.blockingExecutor(pool).archiveStore(new NonBlocking(store, readers)));
      TestClient juliet = online("juliet@example.test/balcony");
      assertFalse(readers.isEmpty(), "not read before the bind returned");
      assertNotEquals("test-blocking", readers.get(0), "read off the network thread");
      TestClient romeo = online("romeo@example.test/orchard");
      romeo.session.send(chat("juliet@example.test", "first"));
      Message got = (Message) juliet.next(s -> s instanceof Message);
      // Not archived for Juliet, so no stanza-id of hers (XEP-0359 §4: it names an entry).
      assertNull(got.child("stanza-id", SID), got.toString());
    } finally {
      parley.close();
      parley = null;
      pool.shutdown();
    }
  }

  /** The same store, promising never to block, noting the threads that read Juliet's prefs. */
  private static final class NonBlocking extends ForwardingArchiveStore
      implements NonBlockingStore {
    private final ArchiveStore store;
    private final List<String> readers;

    NonBlocking(ArchiveStore store, List<String> readers) {
      super(store);
      this.store = store;
      this.readers = readers;
    }

    @Override
    public ArchivePreferences preferences(Jid owner) {
      if (owner.equals(JULIET)) {
        readers.add(Thread.currentThread().getName());
      }
      return store.preferences(owner);
    }
  }

  // ---- metadata ----

  @Test
  void metadataNamesTheFirstAndLastEntries() throws Exception {
    server();
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    Iq empty = juliet.request(Iq.Type.GET, null, Element.of("metadata", NS));
    assertEquals(Element.of("metadata", NS), empty.payload());
    converse(romeo, 3);
    List<ArchivedMessage> all = archiveOf(JULIET).messages();
    Element md = juliet.request(Iq.Type.GET, null, Element.of("metadata", NS)).payload();
    assertEquals(all.get(0).id(), md.child("start", NS).attribute("id"));
    assertEquals(Mam.stamp(all.get(0).timestamp()), md.child("start", NS).attribute("timestamp"));
    assertEquals(all.get(2).id(), md.child("end", NS).attribute("id"));
    assertEquals(Mam.stamp(all.get(2).timestamp()), md.child("end", NS).attribute("timestamp"));
    assertEquals(Condition.BAD_REQUEST, juliet.request(Iq.Type.SET, null,
        Element.of("metadata", NS)).error().condition());
  }

  // ---- retention, deletion, host API ----

  @Test
  void retentionPerUserIsEnforcedOnQuery() throws Exception {
    server(b -> b.archiveRetention(Duration.ofDays(365))
        .archiveRetention(user -> user.equals(JULIET) ? Duration.ofMillis(1) : null));
    online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    converse(romeo, 3);
    // The store directly (a query through Parley would expire them): wait until all are in.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    List<ArchivedMessage> stored;
    while ((stored = store.query(JULIET, ArchiveQuery.first(10)).messages()).size() < 3) {
      assertTrue(System.nanoTime() < deadline, "the messages were never archived");
      Thread.sleep(10);
    }
    Instant archived = stored.get(2).timestamp();
    // Let the 1 ms retention pass (a wall-clock wait for the condition, not a synchronization).
    while (!Instant.now().isAfter(archived.plusMillis(5))) {
      Thread.onSpinWait();
    }
    assertEquals(List.of(), bodiesIn(JULIET));
    assertEquals(numbered(0, 3), bodiesIn(ROMEO));
  }

  @Test
  void retentionIsEnforcedPeriodically() throws Exception {
    CountingArchiveStore counting = new CountingArchiveStore(store);
    server(b -> b.archiveStore(counting).archiveRetention(Duration.ofMillis(1))
        .archiveSweepInterval(Duration.ofMillis(50)));
    online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    converse(romeo, 3);
    // Reads the store directly: a query through Parley would expire them itself. Empty archives
    // prove nothing until all six entries (three each) were written.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (counting.appended.get() < 6
        || !store.query(JULIET, ArchiveQuery.first(10)).messages().isEmpty()
        || !store.query(ROMEO, ArchiveQuery.first(10)).messages().isEmpty()) {
      assertTrue(System.nanoTime() < deadline, "the sweep never removed the messages ("
          + counting.appended.get() + " archived)");
      Thread.sleep(20);
    }
    assertEquals(6, counting.appended.get());
  }

  /** A store that counts the entries written to it. */
  private static final class CountingArchiveStore extends ForwardingArchiveStore {
    final AtomicInteger appended = new AtomicInteger();

    CountingArchiveStore(ArchiveStore delegate) {
      super(delegate);
    }

    @Override
    public void append(Jid owner, ArchivedMessage entry) {
      super.append(owner, entry);
      appended.incrementAndGet();
    }

    @Override
    public void appendAll(Map<Jid, List<ArchivedMessage>> entries) {
      super.appendAll(entries);
      entries.values().forEach(list -> appended.addAndGet(list.size()));
    }
  }

  @Test
  void archiveLimitsMustBePositive() {
    assertThrows(IllegalArgumentException.class,
        () -> Parley.builder().archiveRetention(Duration.ZERO).build());
    assertThrows(IllegalArgumentException.class,
        () -> Parley.builder().archiveMaxPageSize(0).build());
    assertThrows(IllegalArgumentException.class,
        () -> Parley.builder().archiveSweepInterval(Duration.ofSeconds(-1)).build());
    assertThrows(IllegalArgumentException.class,
        () -> Parley.builder().archiveMemoryLimit(0).build());
  }

  @Test
  void deletingTheAccountDeletesTheArchive() throws Exception {
    server(b -> b.allowRegistration(true));
    TestClient juliet = online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    converse(romeo, 3);
    juliet.request(Iq.Type.SET, null,
        XmlOutput.element("<prefs xmlns='urn:xmpp:mam:2' default='never'/>"));
    Iq removed = juliet.request(Iq.Type.SET, null,
        XmlOutput.element("<query xmlns='jabber:iq:register'><remove/></query>"));
    assertEquals(Iq.Type.RESULT, removed.type());
    // The host API runs behind the deletion in the same lane.
    assertEquals(List.of(), bodiesIn(JULIET));
    assertEquals(ArchivePreferences.DEFAULT, store.preferences(JULIET));
    assertEquals(numbered(0, 3), bodiesIn(ROMEO));
  }

  @Test
  void hostReadsAnArchiveThroughTheJavaApi() throws Exception {
    server();
    online("juliet@example.test/balcony");
    TestClient romeo = online("romeo@example.test/orchard");
    converse(romeo, 5);
    ArchivePage last = parley.archive(Jid.of("juliet@example.test/anything"),
        ArchiveQuery.newest(2)).toCompletableFuture().join();
    assertEquals(List.of("m3", "m4"),
        last.messages().stream().map(e -> e.message().body()).toList());
    assertFalse(last.complete());
    CompletionException e = assertThrows(CompletionException.class, () -> parley.archive(JULIET,
        new ArchiveQuery(null, null, null, null, null, List.of(), "nope", null, false, 5))
        .toCompletableFuture().join());
    assertInstanceOf(NoSuchElementException.class, e.getCause());
  }
}
