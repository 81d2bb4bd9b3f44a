/**
 * XEP-0280 Message Carbons, v1.0.1 ({@code urn:xmpp:carbons:2}): enabling and disabling per
 * session (§4, §5, §10.1), {@code <sent/>} copies of what a user's resource sends to the
 * user's other carbons-enabled resources (§8), {@code <received/>} copies of what a resource
 * receives to the carbons-enabled resources that did not get it (§7), both wrapped in XEP-0297
 * {@code <forwarded/>}, from the user's bare JID to the resource's full JID, with the original
 * type. Copies go straight into the sessions' mailboxes.
 *
 * <p>Eligibility (§6.1): type chat; type normal with a body; any message with an XEP-0184
 * receipt, XEP-0085 chat state or XEP-0333 marker, an XEP-0249 direct or XEP-0045 mediated
 * invitation; a private message to a MUC occupant. Never: groupchat, headline, error, a
 * private message from a MUC occupant ({@code muc#user} payload), a message with
 * {@code <private xmlns='urn:xmpp:carbons:2'/>} or {@code <no-copy xmlns='urn:xmpp:hints'/>}
 * (§9), or a carbon itself.
 *
 * <p>Choices: {@code <private/>} is not stripped from the delivered message: v1.0 lifted that
 * requirement as a security concern (§9, interoperability note). Enable/disable IQs are
 * answered for the user's own account (no {@code to}, or the own bare JID) and
 * {@code not-allowed} for another account; addressed to the domain they are
 * {@code service-unavailable}, the feature being advertised there only for discovery (§3), as
 * Prosody does. An IQ get is {@code bad-request}.
 *
 * <p>Not implemented: carbons of error messages answering eligible ones (§6.1 says it needs
 * message tracking); the {@code urn:xmpp:carbons:rules:0} feature (§6.2) is therefore not
 * advertised; carbons for messages the server itself generates and routes (only messages a
 * local session sends, and messages written to a local session, are seen); the resources that
 * received a bare-JID message are recomputed when it is written, so a priority change in
 * between can cost or duplicate a copy; a message rejected by the blocking interceptor still
 * gets its {@code <sent/>} copies if carbons run first (the built-in interceptors run in the
 * order their modules are listed in the component: blocking before carbons).
 */
package io.parley.embedded.internal.feature.carbons;
