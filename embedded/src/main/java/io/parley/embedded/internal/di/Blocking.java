package io.parley.embedded.internal.di;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import javax.inject.Qualifier;

/** The executor for work that may block: storage, host SPI calls, password hashing. */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface Blocking {}
