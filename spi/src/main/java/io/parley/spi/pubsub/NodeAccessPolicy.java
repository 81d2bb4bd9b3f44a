package io.parley.spi.pubsub;

import io.parley.spi.stanza.Jid;

/**
 * The host's say on who may use a pub-sub node, asked before Parley applies the node's own access
 * model and affiliations (XEP-0060 §4.5, §6.1.3). Return {@link Decision#DEFAULT} to leave the
 * decision to Parley.
 *
 * <p>Called from Parley's blocking executor; may block (each call delays that request); must be
 * thread-safe. An exception counts as {@link Decision#DENY} and is logged.
 */
@FunctionalInterface
public interface NodeAccessPolicy {
  /**
   * @param service the pub-sub service ({@code pubsub.example.com}) or, for PEP, the account
   * @param node the node name
   * @param requester the bare JID asking
   * @param action what it asks for
   */
  Decision decide(Jid service, String node, Jid requester, Action action);

  /** What a requester wants to do with a node. */
  enum Action {
    /** Subscribe, or retrieve items (XEP-0060 §6.1, §6.5). */
    SUBSCRIBE_OR_RETRIEVE,
    /** Publish or retract (XEP-0060 §7.1, §7.2). */
    PUBLISH
  }

  /** The host's answer. */
  enum Decision {
    /** Allowed, whatever the access model says (an outcast stays refused). */
    ALLOW,
    /** Refused with {@code forbidden}. */
    DENY,
    /** No opinion: the node's access model and affiliations decide. */
    DEFAULT
  }
}
