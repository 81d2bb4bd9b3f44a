/**
 * XEP-0092 Software Version, v1.1: the server's name, version and operating system. A set is
 * answered {@code not-allowed}. Queries to full JIDs are routed to the client.
 */
package io.parley.embedded.internal.feature.version;
