/** Parley's engine. Not API: nothing here is stable for hosts. */
package io.parley.embedded.internal;
