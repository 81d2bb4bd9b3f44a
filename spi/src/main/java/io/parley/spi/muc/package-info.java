/**
 * Group chat (XEP-0045) hooks for the host: affiliations it supplies for rooms.
 */
package io.parley.spi.muc;
