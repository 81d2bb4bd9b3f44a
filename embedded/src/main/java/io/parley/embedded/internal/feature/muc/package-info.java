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
 * venue (§10.9). XEP-0410 self-ping is answered by the room for a joined client. XEP-0313
 * v1.1 on the room JID: groupchat messages with a body are archived (owner = the room's bare
 * JID, through the {@code ArchiveStore} contract; in memory, newest {@code mucArchiveSize}
 * kept) and queried with the {@code with}, {@code start}, {@code end}, {@code after-id},
 * {@code before-id} and {@code ids} filters and XEP-0059 paging; anyone may query an open room,
 * members and up a members-only one. XEP-0048 bookmarks work through private XML storage
 * (XEP-0049); XEP-0402 needs PEP, which Parley does not have yet. Host
 * integration: {@code io.parley.embedded.GroupChat} and {@code RoomMembershipProvider}.
 *
 * <p>Choices where the XEP leaves one (as Prosody does): new rooms are public, open,
 * semi-anonymous, unmoderated and temporary, with a history of 20 messages; a client that joins
 * a non-existent room without the MUC {@code <x/>} gets an instant (unlocked) room; refusals
 * leave out the optional MUC {@code <x/>} in error presence; stanza ids are kept
 * ({@code muc#stable_id}); a second session of the same user under a nickname already taken is
 * a conflict (no multi-session nicknames); an occupant whose client answers room traffic with an
 * error is taken out of the room; room stanzas go through {@code RoomBroadcast}, an offer to each
 * recipient's mailbox (a full mailbox loses that one stanza for that occupant only). A stanza
 * many occupants get (a groupchat message, an occupant's presence, a history message, an
 * unavailable or nickname-change presence) is a session {@code PreparedStanza}, prepared once:
 * an occupant's presence once per change and a history message once, then shared by every
 * newcomer; network sessions write its one serialization with only {@code to} differing.
 *
 * <p>Not implemented: nickname registration ({@code jabber:iq:register} on a room, §7.10) and
 * reserved nicknames; the {@code muc#unique} room name request; the room archive's stanza-id
 * on live messages (XEP-0359) and archive preferences; a configurable ArchiveStore for rooms
 * (the MAM feature's store is not in this branch); the service's own moderation by server admins; a
 * per-user limit on rooms; {@code maxchars} counts the characters of the stanza's rendering,
 * not its exact serialized size.
 */
package io.parley.embedded.internal.feature.muc;
