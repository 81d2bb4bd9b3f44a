package io.parley.embedded.internal.feature.presence;

import dagger.Lazy;
import io.parley.embedded.internal.feature.roster.RosterChangeListener;
import io.parley.spi.roster.RosterItem;
import io.parley.spi.stanza.Jid;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Keeps the cached subscribers of online users in step with roster changes made outside a
 * subscription exchange: a client's roster remove, and the host's changed items.
 */
@Singleton
final class RosterSync implements RosterChangeListener {
  // Lazy: the contacts load rosters through the roster service, which calls this listener.
  private final Lazy<OnlineContacts> online;

  @Inject
  RosterSync(Lazy<OnlineContacts> online) {
    this.online = online;
  }

  @Override
  public void itemChanged(Jid user, Jid contact, RosterItem item) {
    Contacts contacts = online.get().get(user);
    if (contacts != null) {
      contacts.update(contact, item != null && item.subscription().hasFrom(),
          item != null && item.subscription().hasTo());
    }
  }

  @Override
  public void rosterReloaded(Jid user) {
    online.get().reload(user);
  }
}
