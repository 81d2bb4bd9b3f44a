package io.parley.embedded.internal.session;

import io.parley.spi.stanza.Jid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The bound resources of every local account. Lookups are lock-free reads of immutable arrays;
 * binds and unbinds replace the array of one account atomically.
 */
@Singleton
public final class SessionRegistry {
  private static final Session[] NONE = new Session[0];

  private final ConcurrentHashMap<Jid, Session[]> byAccount = new ConcurrentHashMap<>();

  @Inject
  public SessionRegistry() {}

  /** The session bound to this full JID, or null. */
  public Session find(Jid fullJid) {
    Session[] sessions = byAccount.get(fullJid.asBare());
    if (sessions != null) {
      for (Session s : sessions) {
        if (s.jid().equals(fullJid)) {
          return s;
        }
      }
    }
    return null;
  }

  /** All resources of an account (possibly empty); do not modify the array. */
  public Session[] resources(Jid bareJid) {
    Session[] sessions = byAccount.get(bareJid);
    return sessions == null ? NONE : sessions;
  }

  /**
   * Binds a session. If its full JID is taken and {@code replace} is true, the old session is
   * unbound and returned (the caller terminates it); if {@code replace} is false, nothing changes
   * and the holder is returned. Null means bound without conflict.
   */
  public Session bind(Session session, boolean replace) {
    Session[] displaced = new Session[1];
    byAccount.compute(session.jid().asBare(), (bare, current) -> {
      if (current == null) {
        return new Session[] {session};
      }
      for (int i = 0; i < current.length; i++) {
        if (current[i].jid().equals(session.jid())) {
          displaced[0] = current[i];
          if (!replace) {
            return current;
          }
          Session[] next = current.clone();
          next[i] = session;
          return next;
        }
      }
      Session[] next = Arrays.copyOf(current, current.length + 1);
      next[current.length] = session;
      return next;
    });
    return displaced[0];
  }

  /** Unbinds exactly this session (not a newer one bound to the same JID). */
  public boolean unbind(Session session) {
    boolean[] removed = new boolean[1];
    byAccount.computeIfPresent(session.jid().asBare(), (bare, current) -> {
      for (int i = 0; i < current.length; i++) {
        if (current[i] == session) {
          removed[0] = true;
          if (current.length == 1) {
            return null;
          }
          Session[] next = new Session[current.length - 1];
          System.arraycopy(current, 0, next, 0, i);
          System.arraycopy(current, i + 1, next, i, current.length - i - 1);
          return next;
        }
      }
      return current;
    });
    return removed[0];
  }

  /** A snapshot of every bound session. */
  public List<Session> all() {
    List<Session> all = new ArrayList<>();
    for (Session[] sessions : byAccount.values()) {
      all.addAll(Arrays.asList(sessions));
    }
    return all;
  }

  public int size() {
    int n = 0;
    for (Session[] sessions : byAccount.values()) {
      n += sessions.length;
    }
    return n;
  }
}
