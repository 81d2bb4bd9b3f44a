/**
 * Host code that takes part in stanza processing: IQ handlers for the host's own namespaces
 * (advertised in service discovery like built-in ones) and the stanza interceptor chain.
 */
package io.parley.spi.handler;
