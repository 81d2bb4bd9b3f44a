package io.parley.embedded.internal.feature.muc;

import static io.parley.embedded.internal.feature.muc.MucTest.ROOM;
import static io.parley.embedded.internal.feature.muc.MucTest.admin;
import static io.parley.embedded.internal.feature.muc.MucTest.codes;
import static io.parley.embedded.internal.feature.muc.MucTest.field;
import static io.parley.embedded.internal.feature.muc.MucTest.form;
import static io.parley.embedded.internal.feature.muc.MucTest.item;
import static io.parley.embedded.internal.feature.muc.MucTest.join;
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
import io.parley.spi.stanza.StanzaError.Condition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XEP-0045 §7.10 registering with a room, §7.11 the registered nickname, reserved nicks. */
class RoomRegistrationTest {
  static final String REGISTER = RoomRegistration.NAMESPACE;

  @TempDir Path dataDir;
  Parley parley;
  TestClient romeo;
  TestClient juliet;
  TestClient nurse;

  @BeforeEach
  void start() {
    parley = server();
    clients();
  }

  private Parley server() {
    return Parley.builder().domain("example.test").tcpPort(-1).directTlsPort(-1)
        .dataDirectory(dataDir).build().start();
  }

  private void clients() {
    romeo = new TestClient(parley, "romeo@example.test/orchard").available(0);
    juliet = new TestClient(parley, "juliet@example.test/balcony").available(0);
    nurse = new TestClient(parley, "nurse@example.test/hall").available(0);
  }

  @AfterEach
  void stop() {
    parley.close();
  }

  /** Romeo creates a persistent room with the given further configuration. */
  private void room(String... fieldsAndValues) throws InterruptedException {
    romeo.session.send(join("romeo"));
    romeo.next(s -> s instanceof Presence p && codes(p).contains("110"));
    String[] all = new String[fieldsAndValues.length + 2];
    all[0] = RoomConfig.PERSISTENT;
    all[1] = "1";
    System.arraycopy(fieldsAndValues, 0, all, 2, fieldsAndValues.length);
    Iq configured = romeo.request(Iq.Type.SET, ROOM, form(all));
    assertEquals(Iq.Type.RESULT, configured.type(), configured::toString);
    romeo.next(s -> s instanceof Message m && m.child("subject", Muc.CLIENT) != null);
  }

  private static Element registration(String nick) {
    return Element.builder("query", REGISTER).child(Element.builder("x", Muc.DATA)
        .attribute("type", "submit")
        .child(field("FORM_TYPE", RoomRegistration.FORM_TYPE))
        .child(field(RoomRegistration.ROOMNICK, nick)).build()).build();
  }

  private static Iq register(TestClient c, String nick) throws InterruptedException {
    return c.request(Iq.Type.SET, ROOM, registration(nick));
  }

  private static Presence enter(TestClient c, String nick) throws InterruptedException {
    c.session.send(join(nick));
    return (Presence) c.next(s -> s instanceof Presence p && ROOM.withResource(nick).equals(p.from())
        && (p.type() == Presence.Type.ERROR || codes(p).contains("110")));
  }

  private static String reservedNick(TestClient c) throws InterruptedException {
    Iq info = c.request(Iq.Type.GET, ROOM, Element.builder("query", Muc.DISCO_INFO)
        .attribute("node", RoomRegistration.NODE).build());
    assertEquals(Iq.Type.RESULT, info.type(), info::toString);
    Element identity = info.payload().child("identity", Muc.DISCO_INFO);
    return identity == null ? null : identity.attribute("name");
  }

  @Test
  void registeringGivesTheFormThenMembershipAndTheReservedNick() throws Exception {
    room();
    Iq form = juliet.request(Iq.Type.GET, ROOM, Element.of("query", REGISTER));
    assertEquals(Iq.Type.RESULT, form.type(), form::toString);
    var values = DataForms.values(form.payload().child("x", Muc.DATA));
    assertEquals(List.of(RoomRegistration.FORM_TYPE), values.get("FORM_TYPE"));
    assertTrue(values.containsKey(RoomRegistration.ROOMNICK));
    assertNull(reservedNick(juliet), "nothing registered yet");

    assertEquals(Iq.Type.RESULT, register(juliet, "Jules").type());
    assertEquals("Jules", reservedNick(juliet));
    Iq again = juliet.request(Iq.Type.GET, ROOM, Element.of("query", REGISTER));
    assertNotNull(again.payload().child("registered", REGISTER), again::toString);
    assertEquals("Jules", again.payload().childText("username", REGISTER));
    // §9.5: the member list names her with her nickname.
    Iq members = romeo.request(Iq.Type.GET, ROOM, Element.builder("query", Muc.ADMIN)
        .child(Element.builder("item", Muc.ADMIN).attribute("affiliation", "member").build())
        .build());
    Element member = members.payload().child("item", Muc.ADMIN);
    assertEquals("juliet@example.test", member.attribute("jid"), members::toString);
    assertEquals("Jules", member.attribute("nick"));
    assertEquals("Jules", entered(juliet, "Jules"));
    Iq info = juliet.request(Iq.Type.GET, ROOM, Element.of("query", Muc.DISCO_INFO));
    assertTrue(info.payload().elements().stream().anyMatch(f -> f.name().equals("feature")
        && REGISTER.equals(f.attribute("var"))), info::toString);
  }

  private static String entered(TestClient c, String nick) throws InterruptedException {
    Presence self = enter(c, nick);
    assertEquals(Presence.Type.AVAILABLE, self.type(), self::toString);
    assertEquals("member", item(self).attribute("affiliation"));
    return self.from().resource();
  }

  @Test
  void anOccupantWhoRegistersBecomesAMemberInPlace() throws Exception {
    room();
    assertEquals(Presence.Type.AVAILABLE, enter(juliet, "juliet").type());
    assertEquals(Iq.Type.RESULT, register(juliet, "juliet").type());
    Presence self = (Presence) juliet.next(s -> s instanceof Presence p
        && "member".equals(item(p).attribute("affiliation")));
    assertTrue(codes(self).contains("110"));
    Presence seen = (Presence) romeo.next(s -> s instanceof Presence p
        && ROOM.withResource("juliet").equals(p.from())
        && "member".equals(item(p).attribute("affiliation")));
    assertEquals("participant", item(seen).attribute("role"));
  }

  @Test
  void aReservedNickIsAConflictForEveryoneElse() throws Exception {
    room();
    assertEquals(Iq.Type.RESULT, register(juliet, "Jules").type());
    Presence refused = enter(nurse, "Jules");
    assertEquals(Presence.Type.ERROR, refused.type());
    assertEquals(Condition.CONFLICT, refused.error().condition());
    // Nor may an occupant change to it (§7.6).
    assertEquals(Presence.Type.AVAILABLE, enter(nurse, "nurse").type());
    nurse.session.send(join("Jules"));
    Presence changeRefused = (Presence) nurse.next(s -> s instanceof Presence p
        && p.type() == Presence.Type.ERROR);
    assertEquals(Condition.CONFLICT, changeRefused.error().condition());
    // The nickname's owner enters with it.
    assertEquals("Jules", entered(juliet, "Jules"));
  }

  @Test
  void registrationErrors() throws Exception {
    room();
    assertEquals(Iq.Type.RESULT, register(juliet, "Jules").type());
    // §7.10: a nickname someone else registered, or one another user is using now.
    assertEquals(Condition.CONFLICT, register(nurse, "Jules").error().condition());
    assertEquals(Condition.CONFLICT, register(nurse, "romeo").error().condition());
    // No form, a form of another type, no nickname: bad-request.
    assertEquals(Condition.BAD_REQUEST, nurse.request(Iq.Type.SET, ROOM,
        Element.of("query", REGISTER)).error().condition());
    Element wrongType = Element.builder("query", REGISTER).child(Element.builder("x", Muc.DATA)
        .attribute("type", "submit").child(field("FORM_TYPE", Muc.ROOMCONFIG))
        .child(field(RoomRegistration.ROOMNICK, "n")).build()).build();
    assertEquals(Condition.BAD_REQUEST,
        nurse.request(Iq.Type.SET, ROOM, wrongType).error().condition());
    assertEquals(Condition.BAD_REQUEST, register(nurse, "  ").error().condition());
    // A banned user may not register.
    assertEquals(Iq.Type.RESULT, romeo.request(Iq.Type.SET, ROOM,
        admin("jid", "nurse@example.test", "affiliation", "outcast")).type());
    assertEquals(Condition.FORBIDDEN, nurse.request(Iq.Type.GET, ROOM,
        Element.of("query", REGISTER)).error().condition());
    assertEquals(Condition.FORBIDDEN, register(nurse, "nurse").error().condition());
    // A room that does not exist.
    Iq missing = nurse.request(Iq.Type.GET, Jid.of("nowhere@conference.example.test"),
        Element.of("query", REGISTER));
    assertEquals(Condition.ITEM_NOT_FOUND, missing.error().condition());
  }

  @Test
  void membersOnlyRoomsRequireMembershipToRegister() throws Exception {
    room(RoomConfig.MEMBERS_ONLY, "1");
    assertEquals(Condition.REGISTRATION_REQUIRED, register(juliet, "Jules").error().condition());
    assertEquals(Condition.REGISTRATION_REQUIRED, juliet.request(Iq.Type.GET, ROOM,
        Element.of("query", REGISTER)).error().condition());
    assertEquals(Iq.Type.RESULT, romeo.request(Iq.Type.SET, ROOM,
        admin("jid", "juliet@example.test", "affiliation", "member")).type());
    assertEquals(Iq.Type.RESULT, register(juliet, "Jules").type());
    assertEquals("Jules", reservedNick(juliet));
  }

  @Test
  void unregisteringEndsMembershipAndFreesTheNick() throws Exception {
    room();
    assertEquals(Iq.Type.RESULT, register(juliet, "Jules").type());
    Iq removed = juliet.request(Iq.Type.SET, ROOM, Element.builder("query", REGISTER)
        .child(Element.of("remove", REGISTER)).build());
    assertEquals(Iq.Type.RESULT, removed.type(), removed::toString);
    assertNull(reservedNick(juliet));
    Presence self = enter(nurse, "Jules");
    assertEquals(Presence.Type.AVAILABLE, self.type(), self::toString);
    Iq members = romeo.request(Iq.Type.GET, ROOM, Element.builder("query", Muc.ADMIN)
        .child(Element.builder("item", Muc.ADMIN).attribute("affiliation", "member").build())
        .build());
    assertNull(members.payload().child("item", Muc.ADMIN), members::toString);
  }

  @Test
  void anAdminReservingANickPutsItsOtherUserOut() throws Exception {
    room();
    assertEquals(Presence.Type.AVAILABLE, enter(nurse, "Jules").type());
    Iq set = romeo.request(Iq.Type.SET, ROOM, Element.builder("query", Muc.ADMIN)
        .child(Element.builder("item", Muc.ADMIN).attribute("affiliation", "member")
            .attribute("jid", "juliet@example.test").attribute("nick", "Jules").build())
        .build());
    assertEquals(Iq.Type.RESULT, set.type(), set::toString);
    Presence out = (Presence) nurse.next(s -> s instanceof Presence p
        && p.type() == Presence.Type.UNAVAILABLE);
    assertEquals(List.of("307", "110"), codes(out));
    assertEquals(RoomRegistration.RESERVED,
        item(out).childText("reason", Muc.USER));
    assertEquals("Jules", reservedNick(juliet));
    assertEquals(Condition.CONFLICT, enter(nurse, "Jules").error().condition());
  }

  @Test
  void registrationsSurviveARestart() throws Exception {
    room();
    assertEquals(Iq.Type.RESULT, register(juliet, "Jules").type());
    parley.close(); // lets the queued room write finish

    parley = server();
    clients();
    assertEquals("Jules", reservedNick(juliet));
    assertEquals(Condition.CONFLICT, enter(nurse, "Jules").error().condition());
  }
}
