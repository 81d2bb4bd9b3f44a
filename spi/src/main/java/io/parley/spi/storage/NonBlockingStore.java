package io.parley.spi.storage;

/**
 * Marks a store whose methods return promptly: no I/O, and no waiting on a lock that anything
 * holds across I/O (a store in memory, typically). Parley may then call it on a network thread
 * instead of handing the call to its blocking executor. Today it does so for what a login and a
 * logout need: the SCRAM credential ({@link io.parley.spi.auth.CredentialStore}), the block list
 * ({@link BlockListStore}), the archiving preferences ({@link ArchiveStore}) and the logout's
 * record ({@link LastActivityStore}). With the in-memory stores, handing those to other threads
 * and back cost about a tenth of the server's CPU per login.
 *
 * <p>Hashing a password ({@code CredentialStore.create} and {@code changePassword}) may still take
 * milliseconds: Parley always calls those from its blocking executor. A store that is not sure
 * should not carry this mark; without it every call is made off the network threads.
 */
public interface NonBlockingStore {}
