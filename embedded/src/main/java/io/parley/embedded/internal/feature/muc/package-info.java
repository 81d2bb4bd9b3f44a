/**
 * XEP-0045 Multi-User Chat, v1.34.6, at {@code conference.<domain>} (a {@code LocalService}):
 * service discovery on the service, rooms and occupants (§6, non-occupants get
 * {@code bad-request} for an occupant's address); entering with the §7.1 order (others' presence,
 * self-presence with 110, history, subject) and status codes 100, 110, 170, 201; history limits
 * {@code maxchars}, {@code maxstanzas}, {@code seconds}, {@code since} (§7.2.15); nickname
 * conflicts (§7.2.8) and changes (303, §7.6); passwords (§7.2.5), members-only (§7.2.6), bans
 * (§7.2.7), maximum users ({@code service-unavailable}, admins and owners exempt, §7.2.9), locked
 * rooms ({@code item-not-found}, §7.2.10); groupchat messages (non-occupants
 * {@code not-acceptable}, visitors {@code forbidden}), private messages with the
 * {@code muc#user} mark and {@code allowpm}, subject changes (§8.1), IQs between occupants
 * (§7.7, forwarded with rewritten ids), leaving (110, §7.14) also when a session ends (the router
 * tracks presence to the room as directed presence); mediated invitations and declines (§7.8.2;
 * an owner's or admin's invitation to a members-only room grants membership); voice requests and
 * their approval (§7.13, §8.6); kick (307), voice, moderator, member, admin, owner, ban (301)
 * with the XEP's refusals ({@code forbidden} for lacking the privilege, {@code not-allowed}
 * against an equal or higher affiliation, {@code conflict} for the last owner), and removal of
 * non-members when a room becomes members-only (322) or when membership is revoked (321);
 * instant and reserved rooms, the locked state, cancelling the initial configuration, the full
 * configuration form (every {@code muc#roomconfig_*} field of §15.5.3 and
 * {@code muc#maxhistoryfetch}) with 104 and 170–173 notices; destruction with an alternate
 * venue (§10.9). Registering with a room (§7.10: {@code jabber:iq:register} with the
 * {@code muc#register} form, {@code <registered/>} with the nickname when already registered,
 * {@code <remove/>}; {@code forbidden} for banned users, {@code registration-required} for
 * non-members of a members-only room, {@code conflict} for a nickname registered by another
 * user or in use by another user's occupant, {@code bad-request} for a missing or wrong form or
 * nickname), the registered nickname (§7.11, disco#info node {@code x-roomuser-item}), reserved
 * nicknames on entering and on nickname changes ({@code conflict}), {@code nick} on member list
 * items (§9.5); registered nicknames are stored with the room's affiliations. {@code muc#unique}
 * (§10.1.4). One user with several sessions under one nickname (§7.2, see below). XEP-0410
 * self-ping is answered by the room for a joined client. XEP-0313 v1.1 on the room JID:
 * groupchat messages with a body are archived (owner = the room's bare JID) in the
 * {@code ArchiveStore} users' archives use (the host's, else the database, so they survive a
 * restart; with {@code inMemoryStorage()} in memory, newest {@code mucArchiveSize} kept), and
 * queried with the {@code with}, {@code start}, {@code end}, {@code after-id},
 * {@code before-id} and {@code ids} filters and XEP-0059 paging; anyone may query an open room,
 * members and up a members-only one. XEP-0359: every archived message carries
 * {@code <stanza-id by='room'/>} with its archive id, live and in history; stanza-ids an
 * occupant claims in the room's name are removed (groupchat, subject and private messages);
 * {@code urn:xmpp:sid:0} is in the room's disco#info. XEP-0048 bookmarks work through private
 * XML storage (XEP-0049), XEP-0402 through PEP (tested here: {@code BookmarksTest}). Host
 * integration: {@code io.parley.embedded.GroupChat} and {@code RoomMembershipProvider}.
 *
 * <p>Choices where the XEP leaves one (as Prosody does): new rooms are public, open,
 * semi-anonymous, unmoderated and temporary, with a history of 20 messages; a client that joins
 * a non-existent room without the MUC {@code <x/>} gets an instant (unlocked) room; refusals
 * leave out the optional MUC {@code <x/>} in error presence; stanza ids are kept
 * ({@code muc#stable_id}); an occupant whose client answers room traffic with an error loses
 * that session; room stanzas go through {@code RoomBroadcast}, an offer to each
 * recipient's mailbox (a full mailbox loses that one stanza for that occupant only). A stanza
 * many occupants get (a groupchat message, an occupant's presence, a history message, an
 * unavailable or nickname-change presence) is a session {@code PreparedStanza}, prepared once:
 * an occupant's presence once per change and a history message once, then shared by every
 * newcomer; network sessions write its one serialization with only {@code to} differing.
 *
 * <p>Multiple sessions (as Prosody): a session of the same bare JID entering with the nickname
 * its user already has joins that occupant (the password and locked-room rules still apply;
 * others see no change); it gets the whole join burst, every room stanza and private message
 * goes to every session, an IQ to the occupant goes to the primary session only. The primary
 * session is the one whose presence, and real JID for those who see it, the room shows: the one
 * that sent the latest presence (Prosody picks by priority). A session that leaves gets its own
 * unavailable (110); the others see the occupant leave only with its last session, and see the
 * new primary's presence if the primary left. A session of several that changes nickname
 * leaves the occupant and enters as the new nickname. A kick, ban or destruction ends every
 * session.
 *
 * <p>Registration choices (XEP-0045 and Prosody's mod_muc register.lib): a registration is a
 * membership with a reserved nickname: an unaffiliated user of an open room who registers
 * becomes a member (Prosody allows only affiliated users unless
 * {@code allow_unaffiliated_register}; the XEP allows both), {@code <remove/>} ends both (owners
 * and admins keep their affiliation), and losing the affiliation (none, outcast) ends the
 * reservation. An admin item with both {@code jid} and {@code nick} reserves the nickname for
 * that JID ({@code conflict} if another user holds it) and puts another user occupying it out
 * of the room (307, "This nickname is reserved"). Registration approval by an admin (the
 * {@code muc#register_allow} request) is not used: registration is immediate. Entering under a
 * nickname other than one's registered one is allowed (Prosody's default,
 * {@code enforce_registered_nickname} off), so {@code not-acceptable} is never sent.
 *
 * <p>Join burst: what a newcomer gets on entering (others' presence, its own, history,
 * subject) is one {@code session.Burst}, one entry of its mailbox, written in order; a room
 * larger than {@code mailboxCapacity} loses none of it (a burst is refused only whole, by a
 * mailbox already full). A room's archive is written and queried on one of 16 serial lanes by
 * room, off the event loop, in order; a destroyed (or emptied temporary) room's archive is
 * deleted after its queued writes (as Prosody's mod_muc_mam). {@code muc#unique} names are 128
 * random bits, not held for the requester.
 *
 * <p>Not implemented: archive preferences and room archive retention (room archives in a
 * database are kept until the room is destroyed); XEP-0402's {@code #compat} conversion from
 * and to XEP-0048; enforced registered nicknames; registration forms beyond the nickname
 * ({@code muc#register_first} etc.); the service's own moderation by server admins; a per-user
 * limit on rooms; {@code maxchars} counts the characters of the stanza's rendering, not its
 * exact serialized size.
 */
package io.parley.embedded.internal.feature.muc;
