/**
 * XEP-0049 Private XML Storage, v1.2: a user stores and reads XML fragments on the own account,
 * keyed by element name and namespace ({@code XmlStore} key {@code private:<ns>|<name>}; the
 * host's store, else in memory, shared with vCards through {@link
 * io.parley.embedded.internal.feature.privatedata.XmlStoreModule}).
 *
 * <p>Errors (XEP-0049 §2.3, §3): another user's data is {@code forbidden}; a query without a
 * child element is {@code not-acceptable} (the MUST of §2.3; the SHOULD "Bad Format" is a stream
 * condition, not a stanza one, and existing servers answer not-acceptable); a reserved namespace
 * ({@code jabber:*}, {@code http://jabber.org/*}, {@code vcard-temp}) or a child without a
 * namespace is {@code not-acceptable}; children of several namespaces, or two children with the
 * same name, are {@code bad-request}.
 *
 * <p>Choices: a get for a fragment never stored answers the empty element asked for; setting an
 * empty element (no attributes, no children) removes the stored one. Not implemented: migrating
 * bookmarks to PEP (XEP-0411/0402), deleting the data with the account.
 */
package io.parley.embedded.internal.feature.privatedata;
