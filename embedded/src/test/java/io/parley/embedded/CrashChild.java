package io.parley.embedded;

import io.parley.embedded.internal.ServerConfig;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.Message;
import io.parley.spi.storage.ArchiveQuery;
import io.parley.spi.storage.ArchiveStore;
import io.parley.spi.storage.ArchivedMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The server {@link CrashSafetyTest} kills: a Parley with the default storage (H2 under the data
 * directory given as the argument) and the accounts alice and bob (password {@code pw}). It
 * prints {@code READY <port>} and then answers commands read from stdin, one per line:
 * {@code COUNT <jid>} prints {@code COUNT <n>}, the offline messages stored for that user;
 * {@code ARCHIVE <owner> <n>} appends n entries (ids {@code e0}, {@code e1}, ...) to the owner's
 * archive and prints {@code ARCHIVED <i>} after each append has returned;
 * {@code CONVERSATION <owner> <party>} prints {@code CONVERSATION <n>}, the entries of the owner's
 * archive exchanged with that bare JID.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Parley parley = Parley.builder().domain("localhost").bindAddress("127.0.0.1").tcpPort(0)
        .directTlsPort(-1).tlsRequired(false).dataDirectory(Path.of(args[0])).build().start();
    ServerConfig config = ParleyTestAccess.config(parley);
    config.credentialStore().create("alice", "pw");
    config.credentialStore().create("bob", "pw");
    out.println("READY " + parley.tcpPort());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      String[] words = line.split(" ");
      switch (words[0]) {
        case "COUNT" -> out.println("COUNT " + config.stores().offline().count(Jid.of(words[1])));
        case "ARCHIVE" -> archive(config.stores().archive(), Jid.of(words[1]),
            Integer.parseInt(words[2]), out);
        case "CONVERSATION" -> out.println("CONVERSATION "
            + conversation(config.stores().archive(), Jid.of(words[1]), Jid.of(words[2])).size());
        default -> throw new IllegalArgumentException(line);
      }
    }
  }

  static ArchivedMessage entry(Jid owner, int i) {
    Jid with = Jid.of("romeo@localhost/orchard");
    return new ArchivedMessage("e" + i, Instant.ofEpochSecond(1_800_000_000L + i), with,
        new Message(owner, with, "id" + i, Message.Type.CHAT, null,
            Message.chat(owner, "archived " + i).children()));
  }

  /** The owner's archived messages exchanged with {@code party} (a bare JID), oldest first. */
  static List<ArchivedMessage> conversation(ArchiveStore store, Jid owner, Jid party) {
    return store.query(owner, new ArchiveQuery(party, null, null, null, null, List.of(), null,
        null, false, 1_000_000)).messages();
  }

  private static void archive(ArchiveStore store, Jid owner, int n, PrintStream out) {
    for (int i = 0; i < n; i++) {
      store.append(owner, entry(owner, i));
      out.println("ARCHIVED " + i);
    }
  }
}
