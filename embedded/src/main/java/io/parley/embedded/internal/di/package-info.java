/** The Dagger graph: one component, one module per feature; host objects enter via the config. */
package io.parley.embedded.internal.di;
