/** Host hooks into publish-subscribe (XEP-0060) and personal eventing (XEP-0163). */
package io.parley.spi.pubsub;
