/**
 * XEP-0030 Service Discovery, v2.5rc3: disco#info and disco#items on the server (identity
 * server/im) and on accounts (identity account/registered), answered by the server. Features come
 * from the registered IQ handlers of each scope, host handlers included, plus the server features
 * other modules contribute with {@link io.parley.embedded.internal.feature.disco.ServerFeature}
 * (features no IQ handler stands for, such as {@code msgoffline}). An account's disco#items
 * come from the modules that contribute an {@code AccountItems} (PEP nodes).
 *
 * <p>Choices: another user's account is described only if it exists, otherwise
 * {@code service-unavailable}; any {@code node} gets {@code item-not-found}. Not implemented yet:
 * items for components (pub-sub, MUC) and presence-subscription checks on account queries (IM).
 */
package io.parley.embedded.internal.feature.disco;
