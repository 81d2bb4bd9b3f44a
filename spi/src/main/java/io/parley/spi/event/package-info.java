/** Listeners through which the host hears what happens in the server. */
package io.parley.spi.event;
