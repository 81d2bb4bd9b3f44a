/**
 * The JDBC implementation of every store SPI, on one database: embedded H2 (file mode, the
 * default, under {@code <dataDirectory>/db/}) or PostgreSQL (a JDBC URL with Parley's HikariCP
 * pool, or the host's DataSource). {@link io.parley.embedded.internal.storage.jdbc.JdbcStorage}
 * opens it and creates or upgrades the schema with Flyway from {@code db/parley/V*.sql}, one
 * migration set for both databases (the only difference, the binary column type, is a
 * placeholder; the two upsert forms are in {@code Dialect}).
 *
 * <p>Durability: every write is one transaction committed before the store method returns, and
 * every store method runs on Parley's blocking executor, so what the protocol acknowledges (a
 * roster push, an IQ result, an offline message the sender is not bounced for) is committed
 * first. On H2 "committed" means written to the database file ({@code WRITE_DELAY=0}; H2 has no
 * redo log): it survives the process being killed, not a power failure. PostgreSQL survives
 * both.
 *
 * <p>Offline messages, a crash between {@code takeAll} and delivery: {@code takeAll} removes the
 * messages in the same transaction that reads them, and the offline feature hands them to the
 * session's mailbox right after (putting back those a full or closed mailbox refuses). A process
 * killed in the few microseconds between that commit and the socket write loses them. The
 * alternative, deleting only after the write, would not close the gap: without XEP-0198 stream
 * management the server never learns whether the client read what was written (a written
 * message can die in either side's socket buffer), and every ordinary crash would then deliver
 * duplicates, which XEP-0160 clients do not dedupe. So this store is exactly-once in the
 * database; at-least-once end to end needs XEP-0198 acknowledgements (keep messages until the
 * client acks them, dedupe by stanza id), which belongs with stream management.
 *
 * <p>Archive: order is the {@code seq} identity column, and appends to one archive serialize on
 * the owner's row, so seq order is commit order within an archive. Pages are index range scans
 * on {@code (owner, seq)} or {@code (owner, with_bare, seq)}; time filters are applied on that
 * scan (no time index: it would slow every append for a rarely used filter).
 *
 * <p>Pub-sub: children (items, subscriptions, affiliations) hang off the node's generated key
 * and go with it (ON DELETE CASCADE). Every write to a node's items or subscriptions first bumps
 * the node row's counter: that serializes writers to one node and gives the new item (a
 * republished id included, which then counts as the newest) or subscription its position, so
 * items come back newest first and subscriptions in the order they were made. Node
 * configuration, subscription options and room configuration are data form values in
 * {@code FormValues}' length-prefixed text encoding. Rooms: one row each, written whole by
 * every save (rooms are saved rarely and are small).
 */
package io.parley.embedded.internal.storage.jdbc;
