package io.parley.embedded.internal.feature.disco;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import javax.inject.Qualifier;

/**
 * Marks a disco#info feature of the server that no IQ handler stands for (XEP-0160's
 * {@code msgoffline}, for example). Contribute one with
 * {@code @Provides @IntoSet @ServerFeature static String f() { return "msgoffline"; }}; features
 * of IQ handlers come from {@code IqHandler.features()} as before.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface ServerFeature {}
