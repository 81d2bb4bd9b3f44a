/**
 * RFC 6121 §4 presence, the part routing needs: availability and priority of each session, and
 * directed presence between local resources.
 *
 * <p>Not implemented yet (the IM issue): rosters, subscription states, probes, broadcast to
 * subscribers, unavailable on session end to contacts.
 */
package io.parley.embedded.internal.feature.presence;
