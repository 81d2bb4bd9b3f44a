/**
 * Authentication hooks: which accounts exist and how their secrets are checked (RFC 6120 §6).
 * Implementations are called off the network threads and may block.
 */
package io.parley.spi.auth;
