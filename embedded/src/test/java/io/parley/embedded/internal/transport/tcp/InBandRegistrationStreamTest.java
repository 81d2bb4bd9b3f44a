package io.parley.embedded.internal.transport.tcp;

import static io.parley.embedded.internal.transport.tcp.C2sHarness.OPEN;
import static io.parley.embedded.internal.transport.tcp.C2sHarness.assertSent;
import static io.parley.embedded.internal.transport.tcp.C2sHarness.assertStreamError;
import static io.parley.embedded.internal.transport.tcp.C2sHarness.feed;
import static io.parley.embedded.internal.transport.tcp.C2sHarness.read;
import static io.parley.embedded.internal.transport.tcp.C2sHarness.readElements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.parley.embedded.InMemoryCredentialStore;
import io.parley.embedded.ParleyTestAccess;
import io.parley.embedded.testing.ScramClient;
import io.parley.embedded.testing.XmlOutput;
import io.parley.spi.auth.CredentialStore;
import io.parley.spi.auth.ScramAlgorithm;
import io.parley.spi.auth.ScramCredential;
import io.parley.spi.stanza.Element;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** XEP-0077 in-band registration on the wire, before and after authentication. */
class InBandRegistrationStreamTest {
  private static final String NS = "jabber:iq:register";
  private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";

  @TempDir Path dataDir;
  private C2sHarness harness;
  private InMemoryCredentialStore store;

  @BeforeEach
  void start() {
    harness = open(dataDir, true);
    store = (InMemoryCredentialStore) ParleyTestAccess.config(harness.parley).credentialStore();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  private static C2sHarness open(Path dir, boolean allow) {
    return new C2sHarness(dir, false, b -> b.allowRegistration(allow));
  }

  private static EmbeddedChannel unauthenticated(C2sHarness h) {
    EmbeddedChannel ch = h.connect();
    feed(ch, OPEN);
    read(ch);
    return ch;
  }

  private static String register(String user, String password) {
    return "<iq type='set' id='r1'><query xmlns='jabber:iq:register'><username>" + user
        + "</username><password>" + password + "</password></query></iq>";
  }

  private static String error(String id, String type, int code, String condition) {
    return "<iq type='error' id='" + id + "'><error type='" + type + "' code='" + code + "'><"
        + condition + " xmlns='" + STANZAS + "'/></error></iq>";
  }

  // Errors may carry text; compare the IQ's type, id, error type, code and condition.
  private static void assertError(EmbeddedChannel ch, String id, String type, int code,
      String condition) {
    List<Element> out = readElements(ch);
    assertEquals(1, out.size(), out.toString());
    Element iq = out.get(0);
    assertEquals("error", iq.attribute("type"), iq.toString());
    assertEquals(id, iq.attribute("id"), iq.toString());
    Element err = iq.child("error", "jabber:client");
    assertNotNull(err, iq.toString());
    assertEquals(type, err.attribute("type"), iq.toString());
    assertEquals(Integer.toString(code), err.attribute("code"), iq.toString());
    assertNotNull(err.child(condition, STANZAS), iq.toString());
  }

  /** Whether SCRAM with this password succeeds, on a fresh connection. */
  private boolean canLogIn(String user, String password) {
    EmbeddedChannel ch = harness.connect();
    feed(ch, OPEN);
    read(ch);
    boolean ok = scram(ch, user, password);
    ch.close();
    return ok;
  }

  /** Runs SCRAM-SHA-1 on an open, unauthenticated stream; true on success. */
  private static boolean scram(EmbeddedChannel ch, String user, String password) {
    ScramClient scram = new ScramClient("SCRAM-SHA-1", user, password);
    feed(ch, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='SCRAM-SHA-1'>"
        + scram.clientFirst() + "</auth>");
    Element challenge = readElements(ch).get(0);
    if (!"challenge".equals(challenge.name())) {
      return false;
    }
    feed(ch, "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
        + scram.clientFinal(challenge.text()) + "</response>");
    return "success".equals(readElements(ch).get(0).name());
  }

  // ---- before authentication (§3.1, §8)

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4096})
  void streamFeatureIsAdvertisedBesideTheMechanisms(int chunk) {
    EmbeddedChannel ch = harness.connect();
    feed(ch, OPEN, chunk);
    assertEquals(XmlOutput.elements("<stream:features>"
        + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
        + "<mechanism>SCRAM-SHA-256</mechanism><mechanism>SCRAM-SHA-1</mechanism></mechanisms>"
        + "<register xmlns='http://jabber.org/features/iq-register'/>"
        + "</stream:features>"), XmlOutput.parse(read(ch)).elements());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4096})
  void getReturnsTheRequiredFields(int chunk) {
    EmbeddedChannel ch = unauthenticated(harness);
    feed(ch, "<iq type='get' id='g1'><query xmlns='jabber:iq:register'/></iq>", chunk);
    assertSent(ch, "<iq type='result' id='g1'><query xmlns='jabber:iq:register'>"
        + "<instructions>Choose a username and password to register with this server."
        + "</instructions><username/><password/></query></iq>");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 4096})
  void setCreatesAnAccountThatCanLogIn(int chunk) {
    EmbeddedChannel ch = unauthenticated(harness);
    feed(ch, register("Bill", "Calliope"), chunk);
    assertSent(ch, "<iq type='result' id='r1'/>");
    assertTrue(store.exists("bill"), "username prepared (case-mapped) and stored");
    assertTrue(scram(ch, "bill", "Calliope"), "the new account logs in on the same stream");
  }

  @Test
  void severalAccountsMayRegisterOverOneStream() {
    EmbeddedChannel ch = unauthenticated(harness);
    feed(ch, register("one", "pw1"));
    assertSent(ch, "<iq type='result' id='r1'/>");
    feed(ch, register("two", "pw2"));
    assertSent(ch, "<iq type='result' id='r1'/>");
    assertTrue(ch.isOpen());
    assertTrue(canLogIn("one", "pw1"));
    assertTrue(canLogIn("two", "pw2"));
  }

  @Test
  void takenUsernameIsConflict() {
    EmbeddedChannel ch = unauthenticated(harness);
    feed(ch, register("juliet", "other"));
    assertSent(ch, error("r1", "cancel", 409, "conflict"));
    assertTrue(canLogIn("juliet", "r0meo"), "the existing password is untouched");
  }

  @Test
  void missingPasswordIsNotAcceptable() {
    EmbeddedChannel ch = unauthenticated(harness);
    feed(ch, "<iq type='set' id='r2'><query xmlns='jabber:iq:register'>"
        + "<username>bill</username></query></iq>");
    assertSent(ch, error("r2", "modify", 406, "not-acceptable"));
    assertFalse(store.exists("bill"));
  }

  @Test
  void emptyPasswordIsNotAcceptable() {
    EmbeddedChannel ch = unauthenticated(harness);
    feed(ch, "<iq type='set' id='r3'><query xmlns='jabber:iq:register'>"
        + "<username>bill</username><password></password></query></iq>");
    assertSent(ch, error("r3", "modify", 406, "not-acceptable"));
    assertFalse(store.exists("bill"));
  }

  @Test
  void missingUsernameIsNotAcceptable() {
    EmbeddedChannel ch = unauthenticated(harness);
    feed(ch, "<iq type='set' id='r4'><query xmlns='jabber:iq:register'>"
        + "<password>x</password></query></iq>");
    assertSent(ch, error("r4", "modify", 406, "not-acceptable"));
  }

  @Test
  void usernameThatIsNoLocalpartIsJidMalformed() {
    EmbeddedChannel ch = unauthenticated(harness);
    feed(ch, register("bill@home", "Calliope"));
    assertError(ch, "r1", "modify", 400, "jid-malformed");
    assertTrue(ch.isOpen());
  }

  @Test
  void storeThatCannotCreateAccountsIsNotAllowed(@TempDir Path dir) {
    CredentialStore readOnly = new CredentialStore() {
      @Override
      public boolean exists(String username) {
        return false;
      }

      @Override
      public Optional<ScramCredential> scramCredential(String u, ScramAlgorithm a) {
        return Optional.empty();
      }
    };
    try (C2sHarness h = new C2sHarness(dir, false,
        b -> b.allowRegistration(true).credentials(readOnly))) {
      EmbeddedChannel ch = unauthenticated(h);
      feed(ch, register("bill", "Calliope"));
      assertError(ch, "r1", "cancel", 405, "not-allowed");
    }
  }

  @Test
  void removeBeforeAuthenticationIsUnexpectedRequest() {
    EmbeddedChannel ch = unauthenticated(harness);
    feed(ch, "<iq type='set' id='u1'><query xmlns='jabber:iq:register'><remove/></query></iq>");
    assertSent(ch, error("u1", "wait", 400, "unexpected-request"));
  }

  @Test
  void disabledRegistrationIsNotAdvertisedAndIsServiceUnavailable(@TempDir Path dir) {
    try (C2sHarness off = open(dir, false)) {
      EmbeddedChannel ch = off.connect();
      feed(ch, OPEN);
      Element features = XmlOutput.parse(read(ch)).elements().get(0);
      assertNull(features.child("register", "http://jabber.org/features/iq-register"));
      feed(ch, "<iq type='get' id='g1'><query xmlns='jabber:iq:register'/></iq>");
      assertSent(ch, error("g1", "cancel", 503, "service-unavailable"));
      feed(ch, register("bill", "Calliope"));
      assertSent(ch, error("r1", "cancel", 503, "service-unavailable"));
    }
  }

  @Test
  void serverRequiringTlsRefusesRegistrationOnPlainStreams(@TempDir Path dir) {
    try (C2sHarness tls = new C2sHarness(dir, true, b -> b.allowRegistration(true))) {
      EmbeddedChannel ch = tls.connect();
      feed(ch, OPEN);
      Element features = XmlOutput.parse(read(ch)).elements().get(0);
      assertNull(features.child("register", "http://jabber.org/features/iq-register"));
      feed(ch, register("bill", "Calliope"));
      assertError(ch, "r1", "auth", 401, "not-authorized");
      assertFalse(ParleyTestAccess.config(tls.parley).credentialStore().exists("bill"));
    }
  }

  // ---- after authentication (§3.1, §3.2, §3.3, §10)

  @Test
  void registeredUserGetsRegisteredAndUsername() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<iq type='get' id='g2'><query xmlns='jabber:iq:register'/></iq>");
    Element iq = readElements(ch).get(0);
    assertEquals("result", iq.attribute("type"), iq.toString());
    Element query = iq.child("query", NS);
    assertNotNull(query.child("registered", NS), iq.toString());
    assertEquals("juliet", query.childText("username", NS));
    assertNull(query.child("password", NS), "the password is never sent back");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4096})
  void passwordChangeTakesEffect(int chunk) {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<iq type='set' id='c1' to='example.test'><query xmlns='jabber:iq:register'>"
        + "<username>juliet</username><password>newpass</password></query></iq>", chunk);
    assertSent(ch, "<iq type='result' id='c1' from='example.test'"
        + " to='juliet@example.test/balcony'/>");
    assertTrue(canLogIn("juliet", "newpass"));
    assertFalse(canLogIn("juliet", "r0meo"));
    assertTrue(ch.isOpen(), "the session stays");
  }

  @Test
  void emptyPasswordChangeIsBadRequestAndKeepsThePassword() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<iq type='set' id='c2'><query xmlns='jabber:iq:register'>"
        + "<username>juliet</username><password/></query></iq>");
    assertError(ch, "c2", "modify", 400, "bad-request");
    assertTrue(canLogIn("juliet", "r0meo"));
  }

  @Test
  void passwordChangeWithoutUsernameIsBadRequest() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<iq type='set' id='c3'><query xmlns='jabber:iq:register'>"
        + "<password>newpass</password></query></iq>");
    assertError(ch, "c3", "modify", 400, "bad-request");
    assertTrue(canLogIn("juliet", "r0meo"));
  }

  @Test
  void changingAnotherUsersPasswordIsForbidden() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<iq type='set' id='c4'><query xmlns='jabber:iq:register'>"
        + "<username>romeo</username><password>stolen</password></query></iq>");
    assertError(ch, "c4", "auth", 403, "forbidden");
    assertTrue(canLogIn("romeo", "jul1et"));
  }

  @Test
  void removeEndsOtherSessionsAtOnceAndTheRequesterOnItsNextStanza() {
    EmbeddedChannel other = harness.bound("juliet@example.test/garden", "r0meo");
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    EmbeddedChannel romeo = harness.bound("romeo@example.test/orchard", "jul1et");
    read(other);
    read(ch);
    read(romeo);
    feed(ch, "<iq type='set' id='u2'><query xmlns='jabber:iq:register'><remove/></query></iq>");
    assertSent(ch, "<iq type='result' id='u2' to='juliet@example.test/balcony'/>");
    assertStreamError(other, "not-authorized");
    assertFalse(store.exists("juliet"));
    assertFalse(canLogIn("juliet", "r0meo"));
    // The requester may still close its stream itself; anything else ends it (§3.2).
    feed(ch, "<message to='romeo@example.test'><body>still here?</body></message>");
    assertStreamError(ch, "not-authorized");
    assertTrue(readElements(romeo).isEmpty(), "the removed account's stanza was dropped");
    assertTrue(romeo.isOpen(), "other users stay");
    assertEquals(1, harness.parley.sessionCount());
  }

  @Test
  void removedRequesterMayCloseItsOwnStream() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<iq type='set' id='u7'><query xmlns='jabber:iq:register'><remove/></query></iq>");
    assertSent(ch, "<iq type='result' id='u7' to='juliet@example.test/balcony'/>");
    // What clients such as Smack send when they disconnect.
    feed(ch, "<presence type='unavailable'/>");
    assertTrue(ch.isOpen(), "unavailable presence does not end the stream");
    feed(ch, "</stream:stream>");
    XmlOutput out = XmlOutput.parse(read(ch));
    assertTrue(out.elements().isEmpty(), out.toString());
    assertTrue(out.closed());
    assertFalse(ch.isOpen());
    assertEquals(0, harness.parley.sessionCount());
  }

  @Test
  void removeWithOtherChildrenIsBadRequest() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<iq type='set' id='u3'><query xmlns='jabber:iq:register'><remove/>"
        + "<username>juliet</username></query></iq>");
    assertError(ch, "u3", "modify", 400, "bad-request");
    assertTrue(store.exists("juliet"));
    assertTrue(ch.isOpen());
  }

  @Test
  void removingAnotherUsersAccountIsForbidden() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, "<iq type='set' id='u4' to='romeo@example.test'><query xmlns='jabber:iq:register'>"
        + "<remove/></query></iq>");
    List<Element> out = readElements(ch);
    assertEquals("error", out.get(0).attribute("type"), out.toString());
    assertNotNull(out.get(0).child("error", "jabber:client").child("forbidden", STANZAS));
    assertTrue(store.exists("romeo"));
  }

  @Test
  void removingAnAccountTheStoreNoLongerHasIsRegistrationRequired() {
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    store.removeUser("juliet");
    feed(ch, "<iq type='set' id='u5'><query xmlns='jabber:iq:register'><remove/></query></iq>");
    assertError(ch, "u5", "auth", 407, "registration-required");
    assertTrue(ch.isOpen());
  }

  @Test
  void storeThatCannotDeleteIsNotAllowed(@TempDir Path dir) {
    InMemoryCredentialStore users = new InMemoryCredentialStore().addUser("juliet", "r0meo");
    CredentialStore noDelete = new CredentialStore() {
      @Override
      public boolean exists(String username) {
        return users.exists(username);
      }

      @Override
      public Optional<ScramCredential> scramCredential(String u, ScramAlgorithm a) {
        return users.scramCredential(u, a);
      }
    };
    try (C2sHarness h = new C2sHarness(dir, false,
        b -> b.allowRegistration(true).credentials(noDelete))) {
      EmbeddedChannel ch = h.bound("juliet@example.test/balcony", "r0meo");
      read(ch);
      feed(ch, "<iq type='set' id='u6'><query xmlns='jabber:iq:register'><remove/></query></iq>");
      assertError(ch, "u6", "cancel", 405, "not-allowed");
      feed(ch, "<iq type='set' id='c5'><query xmlns='jabber:iq:register'>"
          + "<username>juliet</username><password>x</password></query></iq>");
      assertError(ch, "c5", "cancel", 405, "not-allowed");
      assertTrue(ch.isOpen());
    }
  }

  @Test
  void discoAdvertisesTheFeatureOnlyWhenRegistrationIsOn(@TempDir Path dir) {
    String disco = "<iq type='get' id='d1' to='example.test'>"
        + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>";
    EmbeddedChannel ch = harness.bound("juliet@example.test/balcony", "r0meo");
    read(ch);
    feed(ch, disco);
    assertTrue(features(readElements(ch).get(0)).contains(NS));
    try (C2sHarness off = open(dir, false)) {
      EmbeddedChannel offCh = off.bound("juliet@example.test/balcony", "r0meo");
      read(offCh);
      feed(offCh, disco);
      assertFalse(features(readElements(offCh).get(0)).contains(NS));
      feed(offCh, "<iq type='get' id='g3'><query xmlns='jabber:iq:register'/></iq>");
      assertError(offCh, "g3", "cancel", 503, "service-unavailable");
    }
  }

  private static List<String> features(Element discoResult) {
    return discoResult.child("query", "http://jabber.org/protocol/disco#info").elements().stream()
        .filter(e -> e.name().equals("feature"))
        .map(e -> e.attribute("var"))
        .toList();
  }
}
