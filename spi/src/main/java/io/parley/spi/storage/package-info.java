/**
 * Persistence hooks, one interface per concern, so that a host may replace any one of them.
 * Parley's default keeps them all in one database (embedded H2, or PostgreSQL by configuration);
 * in-memory versions exist for tests and for hosts that want nothing on disk.
 */
package io.parley.spi.storage;
