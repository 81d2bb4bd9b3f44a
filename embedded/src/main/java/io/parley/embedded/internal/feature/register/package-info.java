/**
 * XEP-0077 In-Band Registration, v2.4: account creation before authentication, and an
 * authenticated user's registration details, removal and password change. Off unless the builder's
 * {@code allowRegistration(true)}; when off, the stream feature and the disco feature are absent
 * and every {@code jabber:iq:register} request gets {@code service-unavailable} (§3.1).
 *
 * <p>Coverage and choices:
 * <ul>
 *   <li>§3.1 get before authentication: instructions, username and password fields; set: creates
 *       the account in the {@code CredentialStore} ({@code conflict} if taken, {@code
 *       not-acceptable} for a missing or empty field or a password the store refuses, {@code
 *       jid-malformed} for a username that is not a valid localpart (as ejabberd), {@code
 *       not-allowed} when the store cannot create accounts). Several accounts may be registered
 *       on one stream, and the stream may stay unauthenticated meanwhile (§3.1.1 permits limits;
 *       Prosody sets none by default, and SINT registers all its accounts over one stream).
 *   <li>§3.1 get after authentication: {@code <registered/>}, instructions and the username,
 *       never the password.
 *   <li>§3.2 remove: only the user's own account ({@code forbidden} for another's, {@code
 *       bad-request} if {@code <remove/>} is not the only child, {@code registration-required} if
 *       the store no longer has it, {@code not-allowed} if the store cannot delete, {@code
 *       unexpected-request} before authentication). After the result, every other session of the
 *       account ends at once with the {@code <not-authorized/>} stream error; the requester gets
 *       the result, then 5 s to close its stream itself, and the same stream error on its next
 *       stanza or at the end of that grace (see {@code AccountRemovals}: Smack loses the result,
 *       and waits a reply timeout in {@code disconnect()}, when the error follows at once).
 *   <li>§3.3 password change: username (the user's own, else {@code forbidden}) and a non-empty
 *       password ({@code bad-request} otherwise; the old password stays), {@code not-allowed} if
 *       the store cannot change passwords.
 *   <li>§8 stream feature, §9 errors carry the legacy {@code code} too, §10 disco feature on the
 *       server's domain only while registration is on.
 *   <li>§11 TLS: like Prosody (whose {@code c2s_require_encryption} also governs registration), a
 *       server that requires TLS (the default) offers and accepts registration only on encrypted
 *       streams and answers {@code not-authorized} on plain ones; with {@code tlsRequired(false)}
 *       plain streams may register too. Password changes need no extra check: a TLS-requiring
 *       server only authenticates encrypted streams.
 * </ul>
 *
 * <p>Not implemented: data forms (XEP-0004) for registration, cancellation or password change;
 * XEP-0158 CAPTCHAs and any rate limiting of registrations; redirection to a web page with
 * XEP-0066 (§5); the obsolete {@code <key/>} (§7) and extra fields ({@code email}, {@code name},
 * ...); the stream timeout after registration (§3.1.1, a MAY). Removing an account deletes only
 * its credentials: roster, offline messages and other stored data of the user are left to those
 * features, and contacts' subscriptions are not cancelled (a SHOULD of §3.2).
 */
package io.parley.embedded.internal.feature.register;
