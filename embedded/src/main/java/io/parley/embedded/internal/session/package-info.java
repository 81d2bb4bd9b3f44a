/**
 * Sessions as the router sees them: bound resources with a bounded JCTools MPSC mailbox drained
 * in batches by one consumer, the registry of bound resources, and session events.
 *
 * <p>Resource conflicts follow {@link io.parley.embedded.ResourceConflictPolicy}; the default
 * closes the older session with {@code <conflict/>}, as Prosody, ejabberd and Openfire do.
 */
package io.parley.embedded.internal.session;
