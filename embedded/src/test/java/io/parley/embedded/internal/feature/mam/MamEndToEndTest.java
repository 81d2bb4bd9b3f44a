package io.parley.embedded.internal.feature.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.ParleyServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.mam.element.MamPrefsIQ;
import org.jivesoftware.smackx.mam.element.MamVersion;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** XEP-0313 with Smack's MamManager over TCP. */
@Tag("e2e")
class MamEndToEndTest {
  @RegisterExtension
  static final ParleyServerExtension server = new ParleyServerExtension();

  private XMPPTCPConnection online(String user, String resource) throws Exception {
    XMPPTCPConnection c = server.login(user, resource);
    c.sendStanza(c.getStanzaFactory().buildPresenceStanza().ofType(Presence.Type.available)
        .build());
    return c;
  }

  private static EntityBareJid jid(String user) throws Exception {
    return JidCreate.entityBareFrom(user + "@" + ParleyServerExtension.DOMAIN);
  }

  /** Sends numbered messages and waits until the recipient got them all. */
  private static List<Message> converse(XMPPTCPConnection from, XMPPTCPConnection to,
      String prefix, int n) throws Exception {
    BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    to.addAsyncStanzaListener(s -> inbox.add((Message) s), MessageWithBodiesFilter.INSTANCE);
    for (int i = 0; i < n; i++) {
      from.sendStanza(from.getStanzaFactory().buildMessageStanza()
          .to(to.getUser().asEntityBareJid()).ofType(Message.Type.chat)
          .setBody(prefix + i).build());
    }
    List<Message> got = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Message m = inbox.poll(15, TimeUnit.SECONDS);
      assertNotNull(m, "message " + i + " did not arrive");
      got.add(m);
    }
    return got;
  }

  private static List<String> bodies(List<Message> messages) {
    return messages.stream().map(Message::getBody).toList();
  }

  private static List<String> numbered(String prefix, int from, int to) {
    List<String> l = new ArrayList<>();
    for (int i = from; i < to; i++) {
      l.add(prefix + i);
    }
    return l;
  }

  private static MamPrefsIQ setDefault(XMPPTCPConnection c, MamPrefsIQ.DefaultBehavior d)
      throws Exception {
    MamPrefsIQ set = MamVersion.MAM2.newElementFactory().newPrefsIQ(List.of(), List.of(), d);
    set.setType(IQ.Type.set);
    return (MamPrefsIQ) c.sendIqRequestAndWaitForResponse(set);
  }

  @Test
  void smackPagesThroughTheArchiveBothWays() throws Exception {
    XMPPTCPConnection alice = online("alice", "mam1");
    XMPPTCPConnection bob = online("bob", "mam1");
    List<Message> delivered = converse(alice, bob, "page-", 25);
    MamManager mam = MamManager.getInstanceFor(bob);
    assertTrue(mam.isSupported());

    // The stanza-id on the delivered message is the archive's id.
    // Async listeners may see the messages out of order: find the newest by its body.
    Message newest = delivered.stream().filter(m -> m.getBody().equals("page-24")).findFirst()
        .orElseThrow();
    StanzaIdElement sid = StanzaIdElement.getStanzaId(newest);
    assertNotNull(sid);
    assertEquals("bob@localhost", sid.getBy());
    assertEquals(sid.getId(), mam.getMessageUidOfLatestMessage());

    MamManager.MamQuery query = mam.queryArchive(MamManager.MamQueryArgs.builder()
        .limitResultsToJid(jid("alice")).setResultPageSizeTo(10).build());
    List<Message> forwards = new ArrayList<>(query.getMessages());
    assertFalse(query.isComplete());
    while (!query.isComplete()) {
      forwards.addAll(query.pageNext(10));
    }
    assertEquals(numbered("page-", 0, 25), bodies(forwards));
    assertEquals(alice.getUser(), forwards.get(0).getFrom());

    MamManager.MamQuery last = mam.queryArchive(MamManager.MamQueryArgs.builder()
        .limitResultsToJid(jid("alice")).setResultPageSizeTo(10).queryLastPage().build());
    List<Message> backwards = new ArrayList<>(last.getMessages());
    assertEquals(numbered("page-", 15, 25), bodies(backwards));
    while (!last.isComplete()) {
      backwards.addAll(0, last.pagePrevious(10));
    }
    assertEquals(numbered("page-", 0, 25), bodies(backwards));

    // Alice's archive has them as sent.
    MamManager aliceMam = MamManager.getInstanceFor(alice);
    assertTrue(aliceMam.isSupported());
    MamManager.MamQuery sent = aliceMam.queryMostRecentPage(jid("bob"), 5);
    assertEquals(numbered("page-", 20, 25), bodies(sent.getMessages()));
  }

  @Test
  void smackReadsTheFormAndChangesPreferences() throws Exception {
    XMPPTCPConnection carol = online("carol", "mam2");
    XMPPTCPConnection alice = online("alice", "mam2");
    MamManager mam = MamManager.getInstanceFor(carol);
    assertTrue(mam.isSupported()); // Smack learns the MAM version from disco, needed to query
    List<String> fields = mam.retrieveFormFields().stream()
        .map(f -> f.getFieldName()).toList();
    assertTrue(fields.containsAll(List.of("with", "start", "end", "before-id", "after-id",
        "ids")), fields.toString());
    // COMPAT: Smack's MamPrefsResult.asMamPrefs() rejects every answer (it reads the IQ's
    // stanza namespace, jabber:client, as the MAM version), and setDefaultBehavior and
    // enableMamForAllMessages use it: the IQ is read directly, and set with a plain request.
    assertEquals(MamPrefsIQ.DefaultBehavior.always,
        mam.retrieveArchivingPreferences().mamPrefs.getDefault());
    assertEquals(MamPrefsIQ.DefaultBehavior.never,
        setDefault(carol, MamPrefsIQ.DefaultBehavior.never).getDefault());
    List<Message> got = converse(alice, carol, "private-", 1);
    assertEquals(null, StanzaIdElement.getStanzaId(got.get(0)));
    MamManager.MamQuery q = mam.queryMostRecentPage(jid("alice"), 10);
    assertEquals(List.of(), bodies(q.getMessages()));
    setDefault(carol, MamPrefsIQ.DefaultBehavior.always);
    converse(alice, carol, "public-", 1);
    assertEquals(List.of("public-0"),
        bodies(mam.queryMostRecentPage(jid("alice"), 10).getMessages()));
  }
}
