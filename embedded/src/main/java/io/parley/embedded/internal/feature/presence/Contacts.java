package io.parley.embedded.internal.feature.presence;

import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Jid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One online user's presence contacts, loaded once from the roster when the user becomes
 * available and kept current by subscription changes: who gets the user's broadcasts (From and
 * Both) and whose presence the user receives (To and Both). A broadcast reads an immutable array
 * without a lock; work that arrives while the roster loads waits in order.
 */
final class Contacts {
  private static final Jid[] NONE = new Jid[0];

  // Set under the lock when the roster has loaded, then replaced as a whole; read without it.
  private volatile Jid[] subscribers;
  private volatile Set<Jid> subscriberSet;
  private volatile Jid[] publishers;
  // True once the work that waited for the roster has run: from then on work runs at once.
  private volatile boolean ready;
  private boolean arraysSet; // guarded by this
  private List<Consumer<Contacts>> waiting = new ArrayList<>(); // guarded by this

  /** The bare JIDs that receive the user's broadcast presence; call once loaded. */
  Jid[] subscribers() {
    return subscribers;
  }

  /** Whether {@code contact} receives the user's presence; call once loaded. */
  boolean hasSubscriber(Jid contact) {
    return subscriberSet.contains(contact);
  }

  /** The bare JIDs whose presence the user receives; call once loaded. */
  Jid[] publishers() {
    return publishers;
  }

  /** Runs {@code task} now if loaded (on this thread), else after loading, in arrival order. */
  void whenLoaded(Consumer<Contacts> task) {
    if (!ready) {
      synchronized (this) {
        if (!ready) {
          waiting.add(task);
          return;
        }
      }
    }
    task.accept(this);
  }

  /**
   * Sets the loaded roster, applies the changes made meanwhile, then runs the waiting work in
   * order, outside the lock (the work may wait for other users' contacts).
   */
  void loaded(List<RosterItem> roster) {
    List<Jid> from = new ArrayList<>();
    List<Jid> to = new ArrayList<>();
    for (RosterItem item : roster) {
      if (item.subscription().hasFrom()) {
        from.add(item.jid());
      }
      if (item.subscription().hasTo()) {
        to.add(item.jid());
      }
    }
    synchronized (this) {
      subscribers = from.toArray(NONE);
      publishers = to.toArray(NONE);
      subscriberSet = Set.of(subscribers);
      arraysSet = true;
      // Changes recorded while loading are newer than what the load may have read.
      List<Consumer<Contacts>> work = new ArrayList<>();
      for (Consumer<Contacts> task : waiting) {
        if (task instanceof Change c) {
          apply(c);
        } else {
          work.add(task);
        }
      }
      waiting = work;
    }
    while (true) {
      List<Consumer<Contacts>> batch;
      synchronized (this) {
        batch = waiting;
        if (batch.isEmpty()) {
          waiting = null;
          ready = true;
          return;
        }
        waiting = new ArrayList<>();
      }
      for (Consumer<Contacts> task : batch) {
        task.accept(this);
      }
    }
  }

  /** Records that the user's subscription with {@code contact} changed. */
  synchronized void update(Jid contact, boolean hasFrom, boolean hasTo) {
    Change c = new Change(contact, hasFrom, hasTo, false);
    if (arraysSet) {
      apply(c);
    } else {
      waiting.add(c);
    }
  }

  /** Stops broadcasting to {@code contact} (it answered with a presence error, RFC 6121 §4.4.2). */
  synchronized void drop(Jid contact) {
    Change c = new Change(contact, false, false, true);
    if (arraysSet) {
      apply(c);
    } else {
      waiting.add(c);
    }
  }

  private void apply(Change c) {
    subscribers = with(subscribers, c.contact, !c.drop && c.hasFrom);
    subscriberSet = Set.of(subscribers);
    if (!c.drop) {
      publishers = with(publishers, c.contact, c.hasTo);
    }
  }

  private record Change(Jid contact, boolean hasFrom, boolean hasTo, boolean drop)
      implements Consumer<Contacts> {
    @Override
    public void accept(Contacts contacts) {}
  }

  private static Jid[] with(Jid[] set, Jid jid, boolean present) {
    int at = Arrays.asList(set).indexOf(jid);
    if (present == (at >= 0)) {
      return set;
    }
    if (present) {
      Jid[] next = Arrays.copyOf(set, set.length + 1);
      next[set.length] = jid;
      return next;
    }
    Jid[] next = new Jid[set.length - 1];
    System.arraycopy(set, 0, next, 0, at);
    System.arraycopy(set, at + 1, next, at, set.length - at - 1);
    return next;
  }
}
