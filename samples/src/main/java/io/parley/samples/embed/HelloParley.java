package io.parley.samples.embed;

import io.parley.embedded.InMemoryCredentialStore;
import io.parley.embedded.InProcessSession;
import io.parley.embedded.Parley;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.stanza.Presence;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** The embedding example of the README, kept here so that it is compiled and run by a test. */
public final class HelloParley {
  private HelloParley() {}

  public static void main(String[] args) throws Exception {
    // README example start
    var users = new InMemoryCredentialStore().addUser("alice", "secret");
    try (Parley parley = Parley.builder()
        .domain("localhost")
        .tcpPort(0)          // any free port; the default is 5222, and -1 turns it off
        .directTlsPort(-1)   // no XEP-0368 listener
        .dataDirectory(Files.createTempDirectory("parley")) // keeps the self-signed certificate
        .credentials(users)
        .build()) {
      parley.start();
      System.out.println("clients can connect to port " + parley.tcpPort());

      // Host code takes part as ordinary sessions, without a socket.
      // Presence arrives too (alice's own, reflected to her): keep only messages here.
      BlockingQueue<Message> aliceInbox = new ArrayBlockingQueue<>(16);
      InProcessSession alice = parley.openSession(Jid.of("alice@localhost/desk"),
          stanza -> {
            if (stanza instanceof Message m) {
              aliceInbox.add(m);
            }
          });
      alice.send(new Presence(null, null, null, Presence.Type.AVAILABLE, null, List.of()));

      InProcessSession bot = parley.openSession(Jid.of("bot@localhost/service"), stanza -> { });
      bot.send(Message.chat(Jid.of("alice@localhost"), "hello"));

      Message received = aliceInbox.poll(5, TimeUnit.SECONDS);
      System.out.println(received.from() + " says " + received.body());
    } // close(): network clients get <system-shutdown/>, in-process sessions end
    // README example end
  }
}
