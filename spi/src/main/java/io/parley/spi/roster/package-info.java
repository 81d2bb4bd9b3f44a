/** Rosters (RFC 6121 §2): the value type and the host's social-graph hook. */
package io.parley.spi.roster;
