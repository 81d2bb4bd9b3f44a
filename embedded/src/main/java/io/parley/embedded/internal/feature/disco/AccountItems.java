package io.parley.embedded.internal.feature.disco;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Jid;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A feature's disco#items of an account (XEP-0030 §4 on a bare JID), for example its PEP nodes
 * (XEP-0163 §6.2). Bound with {@code @Binds @IntoSet}; called on an event loop after the account
 * is known to exist, so it must not block (do store work on the blocking executor).
 */
public interface AccountItems {
  /** The {@code <item/>} elements (disco#items namespace) {@code requester} may see. */
  CompletionStage<List<Element>> items(Jid account, Jid requester);
}
