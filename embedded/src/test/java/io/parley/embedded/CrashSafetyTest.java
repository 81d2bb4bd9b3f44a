package io.parley.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.ArchiveQuery;
import io.parley.spi.storage.ArchiveStore;
import io.parley.spi.storage.ArchivedMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;

/**
 * End to end: a Parley in a child JVM (H2, the default storage) stores offline messages a Smack
 * client sent (and archives them as a conversation, XEP-0313) and appends to another archive; the
 * child is killed with SIGKILL in the middle of appending; a new server on the same data directory
 * then delivers every offline message exactly once, in order, returns the whole conversation, and
 * holds every archive entry whose append had returned.
 */
@Tag("e2e")
class CrashSafetyTest {
  private static final int MESSAGES = 50;
  private static final Jid BOB = Jid.of("bob@localhost");
  // An archive no message is routed to, so that it holds exactly the appends the test made.
  private static final Jid ARCHIVE_OWNER = Jid.of("archive@localhost");

  @TempDir Path dataDir;
  private Process child;
  private final List<XMPPTCPConnection> clients = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    clients.forEach(XMPPTCPConnection::disconnect);
    if (child != null) {
      child.destroyForcibly();
    }
  }

  @Test
  void storedOfflineMessagesAndArchiveSurviveSigkill() throws Exception {
    Path log = dataDir.resolveSibling(dataDir.getFileName() + "-child.log");
    child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
        dataDir.toString())
        .redirectError(log.toFile())
        .start();
    BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8));
    PrintStream toChild = new PrintStream(child.getOutputStream(), true, StandardCharsets.UTF_8);
    String ready = fromChild.readLine();
    assertNotNull(ready, () -> "the child ended: " + read(log));
    int port = Integer.parseInt(ready.substring("READY ".length()));

    XMPPTCPConnection alice = login(port, "alice");
    for (int i = 0; i < MESSAGES; i++) {
      alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
          .to(JidCreate.entityBareFrom("bob@localhost"))
          .ofType(Message.Type.chat)
          .setBody("offline " + i)
          .build());
    }
    // Stored means committed: ask the child's database until all are there.
    int stored = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (stored < MESSAGES && System.nanoTime() < deadline) {
      toChild.println("COUNT " + BOB);
      stored = Integer.parseInt(fromChild.readLine().substring("COUNT ".length()));
    }
    assertEquals(MESSAGES, stored, "offline messages stored before the kill");
    // The MAM feature archives the conversation too (after routing, on its own lanes).
    int conversation = 0;
    while (conversation < MESSAGES && System.nanoTime() < deadline) {
      toChild.println("CONVERSATION " + BOB + " alice@localhost");
      conversation = Integer.parseInt(fromChild.readLine().substring("CONVERSATION ".length()));
    }
    assertEquals(MESSAGES, conversation, "conversation archived before the kill");

    // Kill the child while it is appending: every append that returned must survive.
    toChild.println("ARCHIVE " + ARCHIVE_OWNER + " 1000000");
    int acknowledged = -1;
    while (acknowledged < 200) {
      String line = fromChild.readLine();
      assertNotNull(line, () -> "the child ended: " + read(log));
      acknowledged = Integer.parseInt(line.substring("ARCHIVED ".length()));
    }
    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    // The server is gone: no closing handshake to wait for.
    clients.forEach(XMPPTCPConnection::instantShutdown);
    clients.clear();

    try (Parley restarted = Parley.builder().domain("localhost").bindAddress("127.0.0.1")
        .tcpPort(0).directTlsPort(-1).tlsRequired(false).dataDirectory(dataDir).build()
        .start()) {
      ArchiveStore store = ParleyTestAccess.config(restarted).stores().archive();
      List<ArchivedMessage> archive =
          store.query(ARCHIVE_OWNER, ArchiveQuery.first(1_000_000)).messages();
      assertTrue(archive.size() > acknowledged,
          "archive has " + archive.size() + " entries, " + (acknowledged + 1) + " acknowledged");
      for (int i = 0; i < archive.size(); i++) {
        assertEquals(CrashChild.entry(ARCHIVE_OWNER, i), archive.get(i), "archive entry " + i);
      }
      List<ArchivedMessage> chat = CrashChild.conversation(store, BOB,
          Jid.of("alice@localhost"));
      assertEquals(MESSAGES, chat.size(), "bob's archived conversation with alice");
      for (int i = 0; i < MESSAGES; i++) {
        assertEquals("offline " + i, chat.get(i).message().body(), "conversation entry " + i);
      }

      BlockingQueue<String> bodies = new ArrayBlockingQueue<>(10 * MESSAGES);
      List<String> all = Collections.synchronizedList(new ArrayList<>());
      XMPPTCPConnection bob = connect(restarted.tcpPort(), "bob");
      bob.addSyncStanzaListener(s -> {
        all.add(((Message) s).getBody());
        bodies.add(((Message) s).getBody());
      }, StanzaTypeFilter.MESSAGE);
      bob.login(); // initial presence: the stored messages are delivered
      for (int i = 0; i < MESSAGES; i++) {
        String body = bodies.poll(15, TimeUnit.SECONDS);
        assertEquals("offline " + i, body, () -> "received so far: " + all);
      }
      // A duplicate would sit right behind the last one, before this round trip's answer.
      assertTrue(PingManager.getInstanceFor(bob).pingMyServer());
      assertEquals(MESSAGES, all.size(), () -> "duplicates: " + all);
      assertEquals(0, ParleyTestAccess.config(restarted).stores().offline().count(BOB));
    }
  }

  private XMPPTCPConnection connect(int port, String user) throws Exception {
    XMPPTCPConnection c = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
        .setXmppDomain("localhost")
        .setHostAddress(InetAddress.getLoopbackAddress())
        .setPort(port)
        .setSecurityMode(SecurityMode.disabled)
        .setUsernameAndPassword(user, "pw")
        .setResource("crash")
        .build());
    c.setReplyTimeout(15_000);
    clients.add(c);
    c.connect();
    return c;
  }

  private XMPPTCPConnection login(int port, String user) throws Exception {
    XMPPTCPConnection c = connect(port, user);
    c.login();
    return c;
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      fail(e);
      return null;
    }
  }
}
