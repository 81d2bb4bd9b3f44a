/**
 * Persistence hooks, one interface per concern, so that a host may replace any one of them.
 * Parley ships in-memory defaults; the storage issue adds durable JDBC ones.
 */
package io.parley.spi.storage;
