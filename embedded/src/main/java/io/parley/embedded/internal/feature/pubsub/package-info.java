/**
 * XEP-0060 Publish-Subscribe, v1.26.0, at {@code pubsub.<domain>}, and XEP-0163 Personal
 * Eventing Protocol, v1.2.2, on every account's bare JID, both served by one engine
 * ({@code PubSubEngine}) over the {@link io.parley.spi.storage.PubSubStore} SPI (by default the
 * server's database, or memory with {@code inMemoryStorage()}). XEP-0223 private storage works
 * through PEP's whitelist access model and publish-options; XEP-0080, XEP-0084, XEP-0107 and
 * XEP-0118 are plain PEP nodes.
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
 * nodes (with {@code pubsub#meta-data}). Every error case of §§6–8 (checklist below). A host
 * {@link io.parley.spi.pubsub.NodeAccessPolicy} decides before the access model.
 *
 * <p>PEP: the account owns its nodes; its publish auto-creates a node with the publish-options as
 * configuration (default access model {@code presence}, one item, last item sent
 * {@code on_sub_and_presence}); notifications go to explicit subscribers and to every available
 * session whose XEP-0115 capabilities include {@code <node>+notify} and that the access model
 * admits (the owner's own resources, contacts with a {@code from}/{@code both} subscription, or
 * the allowed roster groups). {@code Caps} asks an unknown {@code ver} with disco#info (from the
 * pub-sub service's address) and caches the answer under that {@code ver} only if it verifies
 * (XEP-0115 §5.4: {@code CapsHash} recomputes the hash, sha-1 or another SHA-2 function of the
 * registry; MD5 is not trusted); an answer that does not verify, or a {@code <c/>} without
 * {@code hash}, counts for that session alone (Prosody's mod_pep likewise caches under the hash
 * it computes, never the one claimed); a session whose interest appears gets the last
 * item of each node it may see (§4.3.2 of XEP-0163). A disco#items query to an account lists
 * its PEP nodes the requester may retrieve from, each node's access model checked (XEP-0163
 * §6.2; an authorize node only for its subscribers). An account's nodes go with its deletion.
 *
 * <p>Delivery: every notification is prepared once ({@link
 * io.parley.embedded.internal.session.PreparedStanza}) and offered to each recipient's bounded
 * mailbox; a full mailbox drops that recipient's notification (headline semantics) and never
 * slows the publisher or the others.
 *
 * <p>Multiple subscriptions (§6.1.6, feature {@code multi-subscribe}, optional; Prosody keeps
 * one subscription per JID): a subscribe whose options equal those of one of the JID's
 * subscriptions returns that one (as if just approved); other options add a subscription with its
 * own SubID, up to {@code pubSubMaxSubscriptionsPerJid} per account and node. A JID with several
 * delivering subscriptions gets one notification naming them in SHIM {@code SubID} headers
 * (§7.1.2.2). Unsubscribe, options and items then need the SubID. An entity is told of
 * subscription changes an owner makes (§8.8.4).
 *
 * <p>Pending subscriptions (§8.7): the XEP-0050 command {@code pubsub#get-pending} at the
 * service (listed under the {@code commands} node of its disco#items) offers the requester's
 * nodes in a form, and for the node submitted sends it one §8.6.1 authorization form per pending
 * request; stateless, so a client may skip the first step. As the §8.7 note asks, a pending
 * request is approved when its entity becomes owner or publisher, and denied (with a
 * {@code subscription='none'} message) when it becomes an outcast.
 *
 * <p>Node options beyond the basics: {@code pubsub#notify_sub} sends the owners an event with
 * the {@code <subscription/>} of each new (or approved) subscription and each unsubscribe (the
 * XEP names the option only; the message has the form of the §13.14 subscription-state
 * notification). {@code pubsub#item_expire} (seconds;
 * empty or {@code max}: never) hides items older than that from retrieval, disco#items and the
 * last-item sends, and deletes them from the store as they are met, without retraction
 * notifications (lazily: there is no background sweep, so an unread expired item stays stored
 * until its node is next read). {@code
 * pubsub#presence_based_delivery} (§13.6) sends notifications only to sessions with available
 * presence (a full-JID subscription whose session has sent no initial presence gets nothing;
 * remote subscribers neither, their presence being unknown without federation). Without it,
 * notifications go to bound sessions only (a bare JID's available resources): they are never
 * stored offline.
 *
 * <p>Error cases of §§6–8 (each tested; tests in {@code PubSubTest} unless named otherwise; the
 * wire form of the SubID errors, partial modifications, SHIM headers, get-pending and PEP
 * disco#items is also checked byte for byte in {@code transport.tcp.PubSubStreamTest}):
 * <ul>
 *   <li>§6.1.3.1 invalid-jid, §6.1.3.12 item-not-found: {@code subscribeErrors};
 *       §6.1.3.2 presence-subscription-required: {@code presenceAccessNeedsAPresenceSubscription};
 *       §6.1.3.3 not-in-roster-group: {@code rosterAccessNeedsAnAllowedGroup};
 *       §6.1.3.4 closed-node, §6.1.3.8 forbidden (outcast):
 *       {@code whitelistNodeRefusesNonMembersAndOutcastsAreBlocked};
 *       §6.1.3.7 pending-subscription:
 *       {@code authorizeModelMakesSubscriptionsPendingUntilTheOwnerApproves};
 *       §6.1.3.9 too-many-subscriptions (policy-violation, type wait):
 *       {@code PubSubSubscriptionIdTest.tooManySubscriptionsIsAPolicyViolationToWaitOn};
 *       §6.1.3.10 unsupported subscribe:
 *       {@code PubSubSubscriptionIdTest.theOtherErrorCasesOfSectionsSixToEight}.
 *       Not applicable: §6.1.3.5 payment-required (no payment model), §6.1.3.6 anonymous
 *       subscriptions (every requester is an authenticated account or a domain), §6.1.3.11 gone
 *       (a deleted node is forgotten, its redirect only told to subscribers).</li>
 *   <li>§6.2.3.1 subid-required, §6.2.3.5 invalid-subid:
 *       {@code PubSubSubscriptionIdTest.subIdErrorCases}; §6.2.3.2 not-subscribed, §6.2.3.3
 *       forbidden, §6.2.3.4 item-not-found: {@code unsubscribeAndItsErrors}.</li>
 *   <li>§6.3.4.3 jid-required, §6.3.4.4 subid-required, §6.3.4.5 invalid-subid:
 *       {@code PubSubSubscriptionIdTest.subIdErrorCases}; §6.3.5 invalid-options:
 *       {@code subscriptionOptionsCanTurnDeliveryOff}. §6.3.4.6 and §6.4.3 (options or default
 *       options not supported) do not arise: both are supported.</li>
 *   <li>§6.5.9.1 subid-required, §6.5.9.2 invalid-subid:
 *       {@code PubSubSubscriptionIdTest.subIdErrorCases}; §6.5.9.3 not-subscribed (authorize),
 *       §6.5.9.10 forbidden (outcast): {@code PubSubSubscriptionIdTest
 *       .theOtherErrorCasesOfSectionsSixToEight}; §6.5.9.4 unsupported persistent-items:
 *       {@code transientNotificationOnlyNodeTakesNoItem}; §6.5.9.6–8 as §6.1.3.2–4
 *       ({@code whitelistNodeRefusesNonMembersAndOutcastsAreBlocked},
 *       {@code PepTest.onlyTheOwnerPublishesAndThePresenceModelGuardsRetrieval});
 *       §6.5.9.11 item-not-found: {@code retrieveAllNewestAndById}; §6.5.9.12 (no such item):
 *       an empty result, as the XEP says.</li>
 *   <li>§7.1.3.1 forbidden, §7.1.3.3 item-not-found, §7.1.3.6 invalid-payload, §7.1.3.7
 *       item-required / payload-required: {@code publishErrors}; item-forbidden:
 *       {@code transientNotificationOnlyNodeTakesNoItem}; §7.1.3.5 payload-too-big:
 *       {@code PubSubSubscriptionIdTest.theOtherErrorCasesOfSectionsSixToEight}; §7.1.5
 *       precondition-not-met: {@code publishOptionsArePreconditions}. §7.1.3.2 (publish not
 *       supported) does not arise; §7.1.3.4 node-full does not arise: a full node drops its oldest
 *       item ({@code retract-oldest}, the XEP's default; {@code pubsub#publish_node_full} is not
 *       offered).</li>
 *   <li>§7.2.3.1 forbidden, §7.2.3.2 item-not-found, §7.2.3.3 nodeid-required, §7.2.3.4
 *       item-required: {@code retractNotifiesAndItsErrors}; §7.2.3.5 unsupported
 *       persistent-items: {@code PubSubSubscriptionIdTest
 *       .theOtherErrorCasesOfSectionsSixToEight}.</li>
 *   <li>§8.1.1 forbidden, and nodeid-required (PEP has no instant nodes):
 *       {@code PubSubSubscriptionIdTest.theOtherErrorCasesOfSectionsSixToEight}; §8.1.1
 *       conflict and §8.1.2 unsupported-access-model:
 *       {@code instantNodeGetsAGeneratedNameAndExistingNodesConflict}; max-nodes-exceeded
 *       (policy-violation; the XEP names the condition only in its schema):
 *       {@code PubSubSubscriptionIdTest.creatingMoreNodesThanAllowedIsRefused}. The other §8.1.1
 *       cases (creation not supported, registration required) do not arise.</li>
 *   <li>§8.2.3.2 forbidden, §8.2.3.3 nodeid-required, §8.2.3.5 item-not-found, §8.2.5
 *       not-acceptable: {@code ownerConfiguresAndOthersMayNot}; §8.2.3.4 (no options) does not
 *       arise.</li>
 *   <li>§8.4.3.1 forbidden, §8.4.3.2 item-not-found, §8.5.3.2 forbidden, §8.5.3.4
 *       item-not-found: {@code deleteNotifiesSubscribersAndPurgeEmptiesTheNode} and
 *       {@code PubSubSubscriptionIdTest.theOtherErrorCasesOfSectionsSixToEight}; §8.5.3.3
 *       unsupported persistent-items: the latter.</li>
 *   <li>§8.7.4.3 forbidden, §8.7.4.4 item-not-found (and an unknown command node):
 *       {@code PubSubPendingTest.getPendingErrorCases}; §8.7.4.1 and §8.7.4.2 do not arise (the
 *       command is supported).</li>
 *   <li>§8.8.1.3 / §8.8.2.3 and §8.9.1.3 / §8.9.2.3 forbidden:
 *       {@code ownerManagesSubscriptionsAndAffiliations}; §8.8.2.5 and §8.9.2.5 multiple
 *       modifications (the valid entries apply, the invalid ones come back unaltered with
 *       not-acceptable; two entries for one entity are a bad-request): {@code
 *       PubSubSubscriptionIdTest.ownerModificationsApplyTheValidEntriesAndReturnTheInvalidOnes}.
 *       </li>
 * </ul>
 * Payment-required (§6.1.3.5, §6.5.9.9) is not applicable: Parley has no payment model, and no
 * node ever requires payment.
 *
 * <p>Not implemented: collection nodes (XEP-0248, optional and outside XEP-0060 1.26); the
 * digest, subscription expiry and include_body subscription options; {@code
 * pubsub#publish_node_full} (not offered: a full node drops its oldest item) and {@code
 * pubsub#purge_offline} (offered in the form, not acted on); batch publish and
 * retract (one item per request); notifying a subscriber of its own unsubscribe or of access
 * lost through roster changes (XEP-0163 §7.1); XEP-0050 multi-stage sessions beyond get-pending's
 * two steps (no session state is kept, so {@code prev} and {@code next} actions are not offered);
 * federation (remote subscribers get nothing).
 *
 * <p>Choices where the XEP leaves one (as Prosody does): any local account may create nodes on
 * the service; items are returned oldest first; the default max_items is the
 * {@code pubSubMaxItems} option, and "max" means it; transient nodes keep their last item for
 * send-last only; an owner cannot remove the node's last owner ({@code not-acceptable}).
 */
package io.parley.embedded.internal.feature.pubsub;
