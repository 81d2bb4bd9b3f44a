package io.parley.embedded.internal.feature.muc;

import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Stanza;

/** Namespaces and status codes of XEP-0045 and the specs a room uses beside it. */
final class Muc {
  static final String NAMESPACE = "http://jabber.org/protocol/muc";
  static final String USER = NAMESPACE + "#user";
  static final String ADMIN = NAMESPACE + "#admin";
  static final String OWNER = NAMESPACE + "#owner";
  static final String ROOMCONFIG = NAMESPACE + "#roomconfig";
  static final String ROOMINFO = NAMESPACE + "#roominfo";
  static final String REQUEST = NAMESPACE + "#request";
  static final String UNIQUE = NAMESPACE + "#unique";
  static final String STABLE_ID = NAMESPACE + "#stable_id";
  static final String SELF_PING = "http://jabber.org/protocol/muc#self-ping-optimization";
  static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
  static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
  static final String DATA = "jabber:x:data";
  static final String DELAY = "urn:xmpp:delay";
  static final String CONFERENCE = "jabber:x:conference";
  static final String PING = "urn:xmpp:ping";
  static final String SID = "urn:xmpp:sid:0";
  static final String CLIENT = Stanza.CLIENT_NAMESPACE;

  // XEP-0045 §15.6 status codes.
  static final int NON_ANONYMOUS = 100;
  static final int CONFIG_CHANGED = 104;
  static final int SELF = 110;
  static final int LOGGING = 170;
  static final int LOGGING_ON = 170;
  static final int LOGGING_OFF = 171;
  static final int NOW_NON_ANONYMOUS = 172;
  static final int NOW_SEMI_ANONYMOUS = 173;
  static final int CREATED = 201;
  static final int NICK_ASSIGNED = 210;
  static final int BANNED = 301;
  static final int NEW_NICK = 303;
  static final int KICKED = 307;
  static final int AFFILIATION_CHANGED = 321;
  static final int MEMBERS_ONLY = 322;
  static final int SHUTDOWN = 332;

  private Muc() {}

  static Element status(int code) {
    return Element.builder("status", USER).attribute("code", Integer.toString(code)).build();
  }

  static Element text(String name, String namespace, String text) {
    return Element.builder(name, namespace).text(text).build();
  }
}
