package io.parley.embedded.internal.router;

import io.parley.spi.handler.IqScope;

/** An IQ payload's qualified name in one scope: the key of the handler map. */
record HandlerKey(IqScope scope, String namespace, String element) {}
