package io.parley.embedded.internal.feature.muc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.Parley;
import io.parley.embedded.testing.TestClient;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import io.parley.spi.stanza.Stanza;
import io.parley.spi.stanza.StanzaError.Condition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XEP-0045 use cases through in-process sessions and the real server graph. */
class MucTest {
  static final Jid ROOM = Jid.of("room@conference.example.test");

  @TempDir Path dataDir;
  Parley parley;
  TestClient romeo;
  TestClient juliet;

  @BeforeEach
  void start() {
    parley = Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).build().start();
    romeo = new TestClient(parley, "romeo@example.test/orchard").available(0);
    juliet = new TestClient(parley, "juliet@example.test/balcony").available(0);
  }

  @AfterEach
  void stop() {
    parley.close();
  }

  static Presence join(String nick, Element... extra) {
    List<Element> children = new ArrayList<>();
    children.add(Element.builder("x", Muc.NAMESPACE).children(List.of(extra)).build());
    return new Presence(ROOM.withResource(nick), null, "j-" + nick, Presence.Type.AVAILABLE,
        null, children);
  }

  static Element userX(Stanza s) {
    return s.child("x", Muc.USER);
  }

  static List<String> codes(Stanza s) {
    List<String> codes = new ArrayList<>();
    Element x = userX(s);
    if (x != null) {
      for (Element e : x.elements()) {
        if (e.name().equals("status")) {
          codes.add(e.attribute("code"));
        }
      }
    }
    return codes;
  }

  Presence presenceFrom(TestClient c, String nick) throws InterruptedException {
    return (Presence) c.next(s -> s instanceof Presence && ROOM.withResource(nick).equals(s.from()));
  }

  Presence unavailableFrom(TestClient c, String nick) throws InterruptedException {
    return (Presence) c.next(s -> s instanceof Presence p && ROOM.withResource(nick).equals(p.from())
        && p.type() == Presence.Type.UNAVAILABLE);
  }

  /** Romeo creates an instant room as "romeo". */
  void instantRoom() throws InterruptedException {
    romeo.session.send(join("romeo"));
    Presence self = presenceFrom(romeo, "romeo");
    assertEquals(List.of("201", "110"), codes(self));
    Iq result = romeo.request(Iq.Type.SET, ROOM, Element.builder("query", Muc.OWNER)
        .child(Element.builder("x", Muc.DATA).attribute("type", "submit").build()).build());
    assertEquals(Iq.Type.RESULT, result.type());
    romeo.next(s -> s instanceof Message m && m.child("subject", Muc.CLIENT) != null);
  }

  @Test
  void creatorGetsOwnerModeratorWith201AndTheRoomIsLockedUntilConfigured() throws Exception {
    romeo.session.send(join("romeo"));
    Presence self = presenceFrom(romeo, "romeo");
    Element item = userX(self).child("item", Muc.USER);
    assertEquals("owner", item.attribute("affiliation"));
    assertEquals("moderator", item.attribute("role"));
    assertEquals(List.of("201", "110"), codes(self));

    juliet.session.send(join("juliet"));
    Presence refused = presenceFrom(juliet, "juliet");
    assertEquals(Presence.Type.ERROR, refused.type());
    assertEquals(Condition.ITEM_NOT_FOUND, refused.error().condition());
    assertEquals("j-juliet", refused.id());
  }

  // ---- helpers ----

  static Element form(String... fieldsAndValues) {
    Element.Builder x = Element.builder("x", Muc.DATA).attribute("type", "submit");
    x.child(field("FORM_TYPE", Muc.ROOMCONFIG));
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      x.child(field(fieldsAndValues[i], fieldsAndValues[i + 1]));
    }
    return Element.builder("query", Muc.OWNER).child(x.build()).build();
  }

  static Element field(String var, String value) {
    return Element.builder("field", Muc.DATA).attribute("var", var)
        .child(Element.builder("value", Muc.DATA).text(value).build()).build();
  }

  /** Romeo creates the room and configures it with the given fields. */
  void room(String... fieldsAndValues) throws InterruptedException {
    romeo.session.send(join("romeo"));
    assertEquals(List.of("201", "110"), codes(presenceFrom(romeo, "romeo")));
    Iq result = romeo.request(Iq.Type.SET, ROOM, form(fieldsAndValues));
    assertEquals(Iq.Type.RESULT, result.type(), () -> result.toString());
    romeo.next(s -> s instanceof Message m && m.child("subject", Muc.CLIENT) != null);
  }

  Presence enter(TestClient c, String nick, Element... extra) throws InterruptedException {
    c.session.send(join(nick, extra));
    return (Presence) c.next(s -> s instanceof Presence p && ROOM.withResource(nick).equals(p.from())
        && (p.type() == Presence.Type.ERROR || codes(p).contains("110")));
  }

  void joined(TestClient c, String nick) throws InterruptedException {
    Presence self = enter(c, nick);
    assertEquals(Presence.Type.AVAILABLE, self.type(), () -> self.toString());
    c.next(s -> s instanceof Message m && m.child("subject", Muc.CLIENT) != null);
  }

  static Message groupchat(String body) {
    return new Message(ROOM, null, "m-" + body, Message.Type.GROUPCHAT, null,
        List.of(Element.builder("body", Muc.CLIENT).text(body).build()));
  }

  static Element admin(String attr, String value, String what, String level) {
    return Element.builder("query", Muc.ADMIN).child(Element.builder("item", Muc.ADMIN)
        .attribute(attr, value).attribute(what, level).build()).build();
  }

  static Element item(Stanza s) {
    return userX(s).child("item", Muc.USER);
  }

  // ---- entering (§7.2) ----

  @Test
  void joinSendsOthersThenSelfThenHistoryThenSubject() throws Exception {
    room();
    romeo.session.send(groupchat("first"));
    romeo.next(s -> s instanceof Message m && "first".equals(m.body()));
    juliet.session.send(join("juliet"));
    Stanza first = juliet.next();
    Stanza second = juliet.next();
    Stanza third = juliet.next();
    Stanza fourth = juliet.next();
    assertEquals(ROOM.withResource("romeo"), first.from());
    assertEquals("owner", item(first).attribute("affiliation"));
    assertNull(item(first).attribute("jid"), "semi-anonymous: participants see no real JIDs");
    assertEquals(ROOM.withResource("juliet"), second.from());
    assertEquals(List.of("110"), codes(second));
    assertEquals("j-juliet", second.id(), "the room keeps the id of the join presence");
    assertEquals("first", ((Message) third).body());
    assertNotNull(third.child("delay", Muc.DELAY));
    assertNotNull(fourth.child("subject", Muc.CLIENT));
    // The moderator sees the newcomer's real JID.
    Presence seen = presenceFrom(romeo, "juliet");
    assertEquals("juliet@example.test/balcony", item(seen).attribute("jid"));
  }

  @Test
  void nonAnonymousRoomSends100AndRealJidsToEveryone() throws Exception {
    room(RoomConfig.WHOIS, "anyone");
    Presence self = enter(juliet, "juliet");
    assertTrue(codes(self).contains("100"));
    Presence owner = (Presence) juliet.next(s -> ROOM.withResource("romeo").equals(s.from()));
    assertEquals("romeo@example.test/orchard", item(owner).attribute("jid"));
  }

  @Test
  void historyHonoursMaxstanzasMaxcharsAndSeconds() throws Exception {
    room();
    for (String body : List.of("one", "two", "three")) {
      romeo.session.send(groupchat(body));
      romeo.next(s -> s instanceof Message m && body.equals(m.body()));
    }
    juliet.session.send(join("juliet", Element.builder("history", Muc.NAMESPACE)
        .attribute("maxstanzas", "2").build()));
    List<String> bodies = new ArrayList<>();
    while (true) {
      Stanza s = juliet.next();
      if (s.child("subject", Muc.CLIENT) != null) {
        break;
      }
      if (s instanceof Message m) {
        bodies.add(m.body());
      }
    }
    assertEquals(List.of("two", "three"), bodies);
    TestClient nurse = new TestClient(parley, "nurse@example.test/a").available(0);
    nurse.session.send(join("nurse", Element.builder("history", Muc.NAMESPACE)
        .attribute("maxchars", "0").build()));
    Stanza next = nurse.next(s -> s instanceof Message);
    assertNotNull(next.child("subject", Muc.CLIENT), "maxchars 0: no history");
    TestClient friar = new TestClient(parley, "friar@example.test/a").available(0);
    friar.session.send(join("friar", Element.builder("history", Muc.NAMESPACE)
        .attribute("since", "2999-01-01T00:00:00Z").build()));
    assertNotNull(friar.next(s -> s instanceof Message).child("subject", Muc.CLIENT));
  }

  @Test
  void nicknameInUseIsConflict() throws Exception {
    room();
    Presence refused = enter(juliet, "romeo");
    assertEquals(Condition.CONFLICT, refused.error().condition());
  }

  @Test
  void membersOnlyRefusesNonMembersWithRegistrationRequired() throws Exception {
    room(RoomConfig.MEMBERS_ONLY, "1");
    assertEquals(Condition.REGISTRATION_REQUIRED, enter(juliet, "juliet").error().condition());
    Iq granted = romeo.request(Iq.Type.SET, ROOM,
        admin("jid", "juliet@example.test", "affiliation", "member"));
    assertEquals(Iq.Type.RESULT, granted.type());
    assertEquals("member", item(enter(juliet, "juliet")).attribute("affiliation"));
  }

  @Test
  void passwordProtectedRoomNeedsTheRightPassword() throws Exception {
    room(RoomConfig.PASSWORD_PROTECTED, "1", RoomConfig.SECRET, "cauldron");
    assertEquals(Condition.NOT_AUTHORIZED, enter(juliet, "juliet").error().condition());
    assertEquals(Condition.NOT_AUTHORIZED, enter(juliet, "juliet",
        Muc.text("password", Muc.NAMESPACE, "wrong")).error().condition());
    assertEquals(Presence.Type.AVAILABLE, enter(juliet, "juliet",
        Muc.text("password", Muc.NAMESPACE, "cauldron")).type());
  }

  @Test
  void fullRoomIsServiceUnavailableExceptForAdmins() throws Exception {
    room(RoomConfig.MAX_USERS, "1");
    assertEquals(Condition.SERVICE_UNAVAILABLE, enter(juliet, "juliet").error().condition());
    romeo.request(Iq.Type.SET, ROOM, admin("jid", "juliet@example.test", "affiliation", "admin"));
    assertEquals(Presence.Type.AVAILABLE, enter(juliet, "juliet").type());
  }

  @Test
  void bannedUserIsForbidden() throws Exception {
    room();
    romeo.request(Iq.Type.SET, ROOM, admin("jid", "juliet@example.test", "affiliation", "outcast"));
    assertEquals(Condition.FORBIDDEN, enter(juliet, "juliet").error().condition());
  }

  @Test
  void noNicknameIsJidMalformed() throws Exception {
    room();
    juliet.session.send(new Presence(ROOM, null, "x", Presence.Type.AVAILABLE, null,
        List.of(Element.of("x", Muc.NAMESPACE))));
    Stanza error = juliet.next(s -> ROOM.equals(s.from()));
    assertEquals(Condition.JID_MALFORMED, error.error().condition());
  }

  // ---- occupants (§7.4–§7.14) ----

  @Test
  void messagesGoToEveryOccupantAndNonOccupantsAreNotAcceptable() throws Exception {
    room();
    joined(juliet, "juliet");
    juliet.session.send(groupchat("hi all"));
    Message got = (Message) romeo.next(s -> s instanceof Message m && "hi all".equals(m.body()));
    assertEquals(ROOM.withResource("juliet"), got.from());
    assertEquals("m-hi all", got.id());
    TestClient outsider = new TestClient(parley, "tybalt@example.test/a").available(0);
    outsider.session.send(groupchat("let me in"));
    Message error = (Message) outsider.next(s -> s instanceof Message);
    assertEquals(Condition.NOT_ACCEPTABLE, error.error().condition());
  }

  @Test
  void visitorsInAModeratedRoomHaveNoVoiceUntilGranted() throws Exception {
    room(RoomConfig.MODERATED, "1");
    Presence self = enter(juliet, "juliet");
    assertEquals("visitor", item(self).attribute("role"));
    juliet.session.send(groupchat("may I?"));
    Message error = (Message) juliet.next(s -> s instanceof Message m
        && m.type() == Message.Type.ERROR);
    assertEquals(Condition.FORBIDDEN, error.error().condition());
    Iq voice = romeo.request(Iq.Type.SET, ROOM, admin("nick", "juliet", "role", "participant"));
    assertEquals(Iq.Type.RESULT, voice.type());
    Presence now = presenceFrom(juliet, "juliet");
    assertEquals("participant", item(now).attribute("role"));
  }

  @Test
  void privateMessagesCarryTheMucUserMarkAndUnknownNicksAreItemNotFound() throws Exception {
    room();
    joined(juliet, "juliet");
    romeo.session.send(Message.chat(ROOM.withResource("juliet"), "psst"));
    Message pm = (Message) juliet.next(s -> s instanceof Message m && "psst".equals(m.body()));
    assertEquals(ROOM.withResource("romeo"), pm.from());
    assertNotNull(pm.child("x", Muc.USER));
    romeo.session.send(Message.chat(ROOM.withResource("nobody"), "hello?"));
    Message error = (Message) romeo.next(s -> s instanceof Message m
        && m.type() == Message.Type.ERROR);
    assertEquals(Condition.ITEM_NOT_FOUND, error.error().condition());
  }

  @Test
  void nicknameChangeIs303ThenTheNewPresence() throws Exception {
    room();
    joined(juliet, "juliet");
    juliet.session.send(new Presence(ROOM.withResource("jules"), null, "nc",
        Presence.Type.AVAILABLE, null, List.of()));
    Presence old = unavailableFrom(romeo, "juliet");
    assertEquals(List.of("303"), codes(old));
    assertEquals("jules", item(old).attribute("nick"));
    assertEquals(Presence.Type.AVAILABLE, presenceFrom(romeo, "jules").type());
    Presence selfOld = unavailableFrom(juliet, "juliet");
    assertEquals(List.of("303", "110"), codes(selfOld));
  }

  @Test
  void subjectChangeNeedsPermission() throws Exception {
    room(RoomConfig.CHANGE_SUBJECT, "0");
    joined(juliet, "juliet");
    Message subject = new Message(ROOM, null, "s1", Message.Type.GROUPCHAT, null,
        List.of(Muc.text("subject", Muc.CLIENT, "Fair Verona")));
    juliet.session.send(subject);
    Message error = (Message) juliet.next(s -> s instanceof Message m
        && m.type() == Message.Type.ERROR);
    assertEquals(Condition.FORBIDDEN, error.error().condition());
    romeo.session.send(subject);
    Message changed = (Message) juliet.next(s -> s instanceof Message m
        && m.child("subject", Muc.CLIENT) != null);
    assertEquals("Fair Verona", changed.child("subject", Muc.CLIENT).text());
  }

  @Test
  void leavingSendsUnavailableWith110AndTheSameId() throws Exception {
    room();
    joined(juliet, "juliet");
    juliet.session.send(new Presence(ROOM.withResource("juliet"), null, "bye",
        Presence.Type.UNAVAILABLE, null, List.of()));
    Presence self = unavailableFrom(juliet, "juliet");
    assertEquals("bye", self.id());
    assertEquals(List.of("110"), codes(self));
    assertEquals("none", item(unavailableFrom(romeo, "juliet")).attribute("role"));
  }

  @Test
  void aClosedSessionLeavesItsRooms() throws Exception {
    room();
    joined(juliet, "juliet");
    juliet.session.close();
    Presence gone = unavailableFrom(romeo, "juliet");
    assertEquals("none", item(gone).attribute("role"));
  }

  // ---- moderation and administration (§8–§10) ----

  @Test
  void kickIs307ForEveryoneAndOnlyModeratorsMayKick() throws Exception {
    room();
    joined(juliet, "juliet");
    Iq refused = juliet.request(Iq.Type.SET, ROOM, admin("nick", "romeo", "role", "none"));
    assertEquals(Condition.FORBIDDEN, refused.error().condition());
    Iq kicked = romeo.request(Iq.Type.SET, ROOM, admin("nick", "juliet", "role", "none"));
    assertEquals(Iq.Type.RESULT, kicked.type());
    Presence self = unavailableFrom(juliet, "juliet");
    assertEquals(List.of("307", "110"), codes(self));
    assertEquals(List.of("307"), codes(unavailableFrom(romeo, "juliet")));
  }

  @Test
  void banOfAnOccupantIs301() throws Exception {
    room();
    joined(juliet, "juliet");
    romeo.request(Iq.Type.SET, ROOM, admin("jid", "juliet@example.test", "affiliation", "outcast"));
    Presence self = unavailableFrom(juliet, "juliet");
    assertEquals(List.of("301", "110"), codes(self));
    assertEquals("outcast", item(self).attribute("affiliation"));
  }

  @Test
  void moderatorsCannotTakeVoiceFromAnOwner() throws Exception {
    room();
    joined(juliet, "juliet");
    romeo.request(Iq.Type.SET, ROOM, admin("nick", "juliet", "role", "moderator"));
    Iq refused = juliet.request(Iq.Type.SET, ROOM, admin("nick", "romeo", "role", "visitor"));
    assertEquals(Condition.NOT_ALLOWED, refused.error().condition());
  }

  @Test
  void theLastOwnerCannotStepDown() throws Exception {
    room();
    Iq refused = romeo.request(Iq.Type.SET, ROOM,
        admin("jid", "romeo@example.test", "affiliation", "member"));
    assertEquals(Condition.CONFLICT, refused.error().condition());
  }

  @Test
  void affiliationListsNeedAdminRights() throws Exception {
    room();
    romeo.request(Iq.Type.SET, ROOM, admin("jid", "nurse@example.test", "affiliation", "member"));
    Iq list = romeo.request(Iq.Type.GET, ROOM, Element.builder("query", Muc.ADMIN)
        .child(Element.builder("item", Muc.ADMIN).attribute("affiliation", "member").build())
        .build());
    assertEquals("nurse@example.test",
        list.payload().child("item", Muc.ADMIN).attribute("jid"));
    joined(juliet, "juliet");
    Iq refused = juliet.request(Iq.Type.GET, ROOM, Element.builder("query", Muc.ADMIN)
        .child(Element.builder("item", Muc.ADMIN).attribute("affiliation", "outcast").build())
        .build());
    assertEquals(Condition.FORBIDDEN, refused.error().condition());
  }

  @Test
  void onlyOwnersSeeTheConfigurationForm() throws Exception {
    room();
    joined(juliet, "juliet");
    Iq refused = juliet.request(Iq.Type.GET, ROOM, Element.of("query", Muc.OWNER));
    assertEquals(Condition.FORBIDDEN, refused.error().condition());
    Iq form = romeo.request(Iq.Type.GET, ROOM, Element.of("query", Muc.OWNER));
    List<String> vars = new ArrayList<>();
    for (Element f : form.payload().child("x", Muc.DATA).elements()) {
      vars.add(f.attribute("var"));
    }
    for (String var : List.of(RoomConfig.NAME, RoomConfig.DESC, RoomConfig.LANG,
        RoomConfig.PERSISTENT, RoomConfig.PUBLIC, RoomConfig.MEMBERS_ONLY, RoomConfig.MODERATED,
        RoomConfig.PASSWORD_PROTECTED, RoomConfig.SECRET, RoomConfig.MAX_USERS, RoomConfig.WHOIS,
        RoomConfig.CHANGE_SUBJECT, RoomConfig.ALLOW_INVITES, RoomConfig.ALLOW_PM,
        RoomConfig.LOGGING, RoomConfig.PRESENCE_BROADCAST, RoomConfig.GET_MEMBER_LIST,
        RoomConfig.PUBSUB, RoomConfig.MAX_HISTORY, RoomConfig.OWNERS, RoomConfig.ADMINS)) {
      assertTrue(vars.contains(var), var);
    }
    // Occupants hear about the change (§10.2.1).
    romeo.request(Iq.Type.SET, ROOM, form(RoomConfig.NAME, "Capulet hall"));
    Message notice = (Message) juliet.next(s -> s instanceof Message m && userX(m) != null);
    assertEquals(List.of("104"), codes(notice));
  }

  @Test
  void destroyTellsOccupantsTheAlternateVenue() throws Exception {
    room();
    joined(juliet, "juliet");
    Iq destroyed = romeo.request(Iq.Type.SET, ROOM, Element.builder("query", Muc.OWNER)
        .child(Element.builder("destroy", Muc.OWNER).attribute("jid", "new@conference.example.test")
            .child(Muc.text("reason", Muc.OWNER, "moving")).build()).build());
    assertEquals(Iq.Type.RESULT, destroyed.type());
    Presence gone = unavailableFrom(juliet, "juliet");
    Element destroy = userX(gone).child("destroy", Muc.USER);
    assertEquals("new@conference.example.test", destroy.attribute("jid"));
    assertEquals("moving", destroy.childText("reason", Muc.USER));
    Iq info = juliet.request(Iq.Type.GET, ROOM, Element.of("query", Muc.DISCO_INFO));
    assertEquals(Condition.ITEM_NOT_FOUND, info.error().condition());
  }

  // ---- invitations (§7.8) ----

  @Test
  void mediatedInvitationAndDecline() throws Exception {
    room(RoomConfig.MEMBERS_ONLY, "1");
    romeo.session.send(new Message(ROOM, null, "inv", Message.Type.NORMAL, null, List.of(
        Element.builder("x", Muc.USER).child(Element.builder("invite", Muc.USER)
            .attribute("to", "juliet@example.test")
            .child(Muc.text("reason", Muc.USER, "come")).build()).build())));
    Message invitation = (Message) juliet.next(s -> s instanceof Message);
    assertEquals(ROOM, invitation.from());
    Element invite = userX(invitation).child("invite", Muc.USER);
    assertEquals("romeo@example.test/orchard", invite.attribute("from"));
    assertEquals("come", invite.childText("reason", Muc.USER));
    // The owner's invitation to a members-only room makes the invitee a member.
    assertEquals(Presence.Type.AVAILABLE, enter(juliet, "juliet").type());
    juliet.session.send(new Message(ROOM, null, "dec", Message.Type.NORMAL, null, List.of(
        Element.builder("x", Muc.USER).child(Element.builder("decline", Muc.USER)
            .attribute("to", "romeo@example.test/orchard").build()).build())));
    Message decline = (Message) romeo.next(s -> s instanceof Message m && userX(m) != null
        && userX(m).child("decline", Muc.USER) != null);
    assertEquals("juliet@example.test",
        userX(decline).child("decline", Muc.USER).attribute("from"));
  }

  // ---- discovery (§6) and self-ping (XEP-0410) ----

  @Test
  void discoOnServiceRoomsAndOccupants() throws Exception {
    room(RoomConfig.NAME, "Balcony");
    Jid service = Jid.domain("conference.example.test");
    Iq info = juliet.request(Iq.Type.GET, service, Element.of("query", Muc.DISCO_INFO));
    assertEquals("conference", info.payload().child("identity", Muc.DISCO_INFO)
        .attribute("category"));
    Iq items = juliet.request(Iq.Type.GET, service, Element.of("query", Muc.DISCO_ITEMS));
    Element item = items.payload().child("item", Muc.DISCO_ITEMS);
    assertEquals(ROOM.toString(), item.attribute("jid"));
    assertEquals("Balcony", item.attribute("name"));
    Iq roomInfo = juliet.request(Iq.Type.GET, ROOM, Element.of("query", Muc.DISCO_INFO));
    List<String> features = new ArrayList<>();
    for (Element f : roomInfo.payload().elements()) {
      features.add(f.attribute("var"));
    }
    assertTrue(features.containsAll(List.of(Muc.NAMESPACE, "muc_public", "muc_temporary",
        "muc_open", "muc_unmoderated", "muc_semianonymous", "muc_unsecured")), features::toString);
    Iq occupant = juliet.request(Iq.Type.GET, ROOM.withResource("romeo"),
        Element.of("query", Muc.DISCO_ITEMS));
    assertEquals(Condition.BAD_REQUEST, occupant.error().condition());
    Iq unknown = juliet.request(Iq.Type.GET, Jid.of("nothere@conference.example.test"),
        Element.of("query", Muc.DISCO_INFO));
    assertEquals(Condition.ITEM_NOT_FOUND, unknown.error().condition());
  }

  @Test
  void selfPingIsAnsweredForOccupantsOnly() throws Exception {
    room();
    Iq pong = romeo.request(Iq.Type.GET, ROOM.withResource("romeo"), Element.of("ping", Muc.PING));
    assertEquals(Iq.Type.RESULT, pong.type());
    Iq notJoined = juliet.request(Iq.Type.GET, ROOM.withResource("juliet"),
        Element.of("ping", Muc.PING));
    assertEquals(Condition.NOT_ACCEPTABLE, notJoined.error().condition());
  }

  // ---- XEP-0313 on the room JID ----

  @Test
  void roomArchiveAnswersQueriesWithPaging() throws Exception {
    room();
    for (String body : List.of("a", "b", "c")) {
      romeo.session.send(groupchat(body));
      romeo.next(s -> s instanceof Message m && body.equals(m.body()));
    }
    Element query = Element.builder("query", RoomArchiveQueries.MAM).attribute("queryid", "q1")
        .child(Element.builder("set", RoomArchiveQueries.RSM)
            .child(Muc.text("max", RoomArchiveQueries.RSM, "2")).build()).build();
    Iq fin = juliet.request(Iq.Type.SET, ROOM, query);
    assertEquals(Iq.Type.RESULT, fin.type(), fin::toString);
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Stanza s = juliet.next(x -> x.child("result", RoomArchiveQueries.MAM) != null);
      Element result = s.child("result", RoomArchiveQueries.MAM);
      assertEquals("q1", result.attribute("queryid"));
      Element forwarded = result.child("forwarded", RoomArchiveQueries.FORWARD);
      bodies.add(forwarded.child("message", Muc.CLIENT).childText("body", Muc.CLIENT));
    }
    assertEquals(List.of("a", "b"), bodies);
    assertEquals("false", fin.payload().attribute("complete"));
    Iq bad = juliet.request(Iq.Type.SET, ROOM, Element.builder("query", RoomArchiveQueries.MAM)
        .child(Element.builder("set", RoomArchiveQueries.RSM)
            .child(Muc.text("after", RoomArchiveQueries.RSM, "no-such-id")).build()).build());
    assertEquals(Condition.ITEM_NOT_FOUND, bad.error().condition());
  }
}
