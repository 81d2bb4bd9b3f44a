/**
 * Sessions as the router sees them: bound resources with a bounded JCTools MPSC mailbox drained
 * in batches by one consumer, the registry of bound resources, and session events.
 *
 * <p>Resource conflicts follow {@link io.parley.embedded.ResourceConflictPolicy}; the default
 * closes the older session with {@code <conflict/>}, as Prosody, ejabberd and Openfire do.
 *
 * <h2>Fan-out: one stanza to many recipients</h2>
 *
 * Broadcasts (pub-sub notifications, presence, group chat) go through
 * {@link io.parley.embedded.internal.session.PreparedStanza}: prepare the stanza once, then
 * deliver it to each recipient with only the {@code to} differing:
 *
 * <pre>{@code
 * PreparedStanza p = PreparedStanza.of(message);        // from, id, type, payload fixed
 * for (Session s : recipients) {
 *   if (!s.deliver(p, s.jid())) { ... }                   // full mailbox: never blocks
 * }
 * }</pre>
 *
 * A network session queues a small {@code PreparedStanza.Addressed} (prepared stanza + JID),
 * runs the outbound interceptors on the addressed stanza and, if they leave it
 * unchanged, writes a per-recipient head ({@code <message to='…'}) followed by a retained view
 * of the one serialization every recipient shares (made lazily by the first writer, in a direct
 * buffer the GC frees). In-process sessions queue the immutable addressed stanza at once (its
 * payload elements are shared). So a delivery allocates a constant few small objects whatever the payload size.
 *
 * <p>Slow consumers: {@link io.parley.embedded.internal.session.Session#deliver} never blocks;
 * a full bounded mailbox refuses and the caller applies its policy (pub-sub notifications and
 * presence are dropped for that recipient; the publisher and other recipients go on). A network
 * peer that stops reading pauses its mailbox, which then fills and refuses.
 */
package io.parley.embedded.internal.session;
