/**
 * XEP-0060 Publish-Subscribe, v1.26.0, at {@code pubsub.<domain>}, and XEP-0163 Personal
 * Eventing Protocol, v1.2.2, on every account's bare JID, both served by one engine
 * ({@code PubSubEngine}) over the {@link io.parley.spi.storage.PubSubStore} SPI (by default the
 * server's database, or memory with {@code inMemoryStorage()}). XEP-0223 private storage works through PEP's whitelist access model and
 * publish-options; XEP-0080, XEP-0084, XEP-0107 and XEP-0118 are plain PEP nodes.
 *
 * <p>Implemented: leaf nodes; create (named and instant), configure and default (XEP-0004 forms),
 * delete (with redirect), purge; publish with item ids (generated when missing), payload checks
 * and publish-options preconditions; retract (with notify); subscribe, unsubscribe, subscription
 * options ({@code pubsub#deliver}), the authorize model's pending subscriptions approved by a
 * submitted {@code subscribe_authorization} form (§8.6); retrieve all, newest N and by id; the
 * requester's own subscriptions and affiliations; owner management of subscriptions and
 * affiliations (owner, publisher, publish-only, member, outcast); access models open, presence,
 * roster, authorize and whitelist; publish models publishers, subscribers and open; event
 * notifications with and without payload, for items, retractions, purge, delete and
 * configuration; the last published item on subscribe; disco#info/#items of the service and its
 * nodes (with {@code pubsub#meta-data}). Every error case of §§6–8 listed there. A host
 * {@link io.parley.spi.pubsub.NodeAccessPolicy} decides before the access model.
 *
 * <p>PEP: the account owns its nodes; its publish auto-creates a node with the publish-options as
 * configuration (default access model {@code presence}, one item, last item sent
 * {@code on_sub_and_presence}); notifications go to explicit subscribers and to every available
 * session whose XEP-0115 capabilities include {@code <node>+notify} and that the access model
 * admits (the owner's own resources, contacts with a {@code from}/{@code both} subscription, or
 * the allowed roster groups). {@code Caps} asks an unknown {@code ver} with disco#info (from the
 * pub-sub service's address) once and caches it; a session whose interest appears gets the last
 * item of each node it may see (§4.3.2 of XEP-0163). An account's nodes go with its deletion.
 *
 * <p>Delivery: every notification is prepared once ({@link
 * io.parley.embedded.internal.session.PreparedStanza}) and offered to each recipient's bounded
 * mailbox; a full mailbox drops that recipient's notification (headline semantics) and never
 * slows the publisher or the others.
 *
 * <p>Not implemented: collection nodes (§9.1 of the XEP is optional); item expiry; multiple
 * subscriptions per JID (a second subscribe returns the first, §6.1.6); digest, SHIM headers and
 * presence-based delivery options; retrieving pending subscriptions by ad-hoc command (§8.7);
 * subscription and affiliation change notifications to subscribers ({@code notify_sub});
 * federation (remote subscribers get nothing); verification of XEP-0115 {@code ver} hashes;
 * listing PEP nodes in the account's disco#items.
 *
 * <p>Choices where the XEP leaves one (as Prosody does): any local account may create nodes on
 * the service; items are returned oldest first; the default max_items is the
 * {@code pubSubMaxItems} option, and "max" means it; transient nodes keep their last item for
 * send-last only; an owner cannot remove the node's last owner ({@code not-acceptable}).
 */
package io.parley.embedded.internal.feature.pubsub;
