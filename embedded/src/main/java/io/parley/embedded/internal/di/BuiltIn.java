package io.parley.embedded.internal.di;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import javax.inject.Qualifier;

/** Marks Parley's own implementations of an SPI type, kept apart from the host's. */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface BuiltIn {}
