package io.parley.embedded.internal.feature.mam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.internal.storage.memory.InMemoryArchiveStore;
import io.parley.embedded.testing.ParleyServerExtension;
import io.parley.spi.stanza.Jid;
import io.parley.spi.storage.ArchiveQuery;
import io.parley.spi.storage.ArchiveStore;
import io.parley.spi.storage.ArchivedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A store slower than the clients: once {@code storageBacklog} archive writes wait, the sender's
 * stream stops being read (after the stanzas of the read in progress), so messages wait in the
 * client's socket instead of the server's heap; when the store catches up every message
 * arrives, in order, and is archived.
 */
@Tag("e2e")
class ArchiveBackpressureTest {
  private static final CountDownLatch storeOpen = new CountDownLatch(1);
  private static final InMemoryArchiveStore archive = new InMemoryArchiveStore();

  /** Holds every write until the test opens it. */
  private static final ArchiveStore slowStore = new ForwardingArchiveStore(archive) {
    private void await() {
      try {
        storeOpen.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void append(Jid owner, ArchivedMessage entry) {
      await();
      super.append(owner, entry);
    }

    @Override
    public void appendAll(Map<Jid, List<ArchivedMessage>> entries) {
      await();
      super.appendAll(entries);
    }
  };

  @RegisterExtension
  static final ParleyServerExtension server = new ParleyServerExtension(b -> b
      .archiveStore(slowStore).storageBacklog(8));

  @Test
  void aSlowStoreSlowsTheSenderAndLosesNothing() throws Exception {
    XMPPTCPConnection alice = server.login("alice", "a");
    XMPPTCPConnection bob = server.login("bob", "b");
    bob.sendStanza(bob.getStanzaFactory().buildPresenceStanza()
        .ofType(Presence.Type.available).build());
    BlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    // Synchronous: Smack runs async listeners concurrently, which would reorder the inbox.
    bob.addSyncStanzaListener(s -> inbox.add((Message) s), MessageWithBodiesFilter.INSTANCE);

    // Sent from another thread: Smack's writer blocks once the server stops reading.
    int n = 2000;
    Thread sender = new Thread(() -> {
      try {
        for (int i = 0; i < n; i++) {
          alice.sendStanza(alice.getStanzaFactory().buildMessageStanza()
              .to(bob.getUser().asEntityBareJid()).ofType(Message.Type.chat)
              .setBody("m" + i).build());
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    sender.start();
    // Each message is two archive writes (the sender's and the recipient's archive). The stream
    // stops reading once 8 wait; what was already read in that socket read is still routed, so
    // some hundreds may arrive, then nothing while the store is shut.
    List<String> got = new ArrayList<>();
    Message m;
    while ((m = inbox.poll(2, TimeUnit.SECONDS)) != null) {
      got.add(m.getBody());
    }
    assertTrue(got.size() < n / 2, "the sender was not slowed down: " + got.size() + " arrived");

    storeOpen.countDown();
    while (got.size() < n) {
      m = inbox.poll(15, TimeUnit.SECONDS);
      assertNotNull(m, "message " + got.size() + " did not arrive");
      got.add(m.getBody());
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      expected.add("m" + i);
    }
    assertEquals(expected, got);
    sender.join(15_000);
    Jid bobJid = Jid.of("bob@" + ParleyServerExtension.DOMAIN);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (archive.query(bobJid, ArchiveQuery.newest(n)).messages().size() < n
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(n, archive.query(bobJid, ArchiveQuery.newest(n)).messages().size());
  }
}
