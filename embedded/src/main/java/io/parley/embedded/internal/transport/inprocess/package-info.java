/** Sessions for host code without a socket, routed like network sessions. */
package io.parley.embedded.internal.transport.inprocess;
