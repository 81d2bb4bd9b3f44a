/**
 * XEP-0054 vcard-temp, v1.2: users read and replace their own vCard and read anyone's, answered
 * by the server; stored whole in the {@code XmlStore} under {@code vcard-temp} (the host's store,
 * else in memory). {@code vcard-temp} is advertised on the server and on accounts.
 *
 * <p>Choices (§3 leaves them): one's own missing vCard is an empty {@code <vCard/>} result (as
 * ejabberd; Smack and most clients expect it); another existing user's missing vCard is
 * {@code item-not-found} (as Prosody); an unknown account is {@code service-unavailable}
 * (RFC 6121 §8.5.1); setting another user's vCard is {@code forbidden}, whether the account
 * exists or not. The server's own vCard: a get is {@code item-not-found}, a set
 * {@code forbidden}. Size is bounded by the stanza size limit only.
 *
 * <p>Not implemented: a configurable server vCard, XEP-0153 avatar hashes in presence, XEP-0292
 * vCard4 and XEP-0398 PEP avatar conversion, deleting the vCard with the account.
 */
package io.parley.embedded.internal.feature.vcard;
