/**
 * The public API of the embedded server: {@link io.parley.embedded.Parley} and its builder,
 * in-process sessions for host code, and the default in-memory credential store. Everything under
 * {@code internal} is private to Parley and may change without notice.
 */
package io.parley.embedded;
