package io.parley.embedded.internal.feature.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parley.embedded.testing.XmlOutput;
import io.parley.spi.stanza.Element;
import org.junit.jupiter.api.Test;

/** XEP-0115 §5.1 verification strings, checked against the XEP's examples (§5.2, §5.3). */
class CapsHashTest {
  static final String INFO = "http://jabber.org/protocol/disco#info";

  static Element query(String inner) {
    return XmlOutput.element("<query xmlns='" + INFO + "'>" + inner + "</query>");
  }

  static final String FEATURES = "<feature var='http://jabber.org/protocol/caps'/>"
      + "<feature var='http://jabber.org/protocol/disco#info'/>"
      + "<feature var='http://jabber.org/protocol/disco#items'/>"
      + "<feature var='http://jabber.org/protocol/muc'/>";

  static final String SOFTWARE_INFO = "<x xmlns='jabber:x:data' type='result'>"
      + "<field var='FORM_TYPE' type='hidden'><value>urn:xmpp:dataforms:softwareinfo</value>"
      + "</field>"
      + "<field var='ip_version' type='text-multi'><value>ipv6</value><value>ipv4</value></field>"
      + "<field var='os'><value>Mac</value></field>"
      + "<field var='software_version'><value>0.11</value></field>"
      + "<field var='os_version'><value>10.5.1</value></field>"
      + "<field var='software'><value>Psi</value></field>"
      + "</x>";

  @Test
  void simpleGenerationExample() {
    // §5.2, features in another order than sorted
    Element q = query("<identity category='client' type='pc' name='Exodus 0.9.1'/>"
        + "<feature var='http://jabber.org/protocol/muc'/>"
        + "<feature var='http://jabber.org/protocol/disco#info'/>"
        + "<feature var='http://jabber.org/protocol/disco#items'/>"
        + "<feature var='http://jabber.org/protocol/caps'/>");
    assertEquals("QgayPKawpkPSDYmwT/WM94uAlu0=", CapsHash.of(q, "sha-1"));
  }

  @Test
  void complexGenerationExampleWithLanguagesAndAnExtendedForm() {
    // §5.3; fields and values deliberately unsorted
    Element q = query("<identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>"
        + "<identity xml:lang='el' category='client' name='\u03a8 0.11' type='pc'/>"
        + FEATURES + SOFTWARE_INFO);
    assertEquals("q07IKJEyjvHSyhy//CH0CxmKi8w=", CapsHash.of(q, "SHA-1"));
  }

  @Test
  void illFormedAnswersHaveNoVerificationString() {
    String identity = "<identity category='client' type='pc' name='Exodus 0.9.1'/>";
    // §5.4 3.3 duplicate identity, 3.4 duplicate feature, 3.5 duplicate FORM_TYPE
    assertNull(CapsHash.of(query(identity + identity + FEATURES), "sha-1"));
    assertNull(CapsHash.of(query(identity + FEATURES
        + "<feature var='http://jabber.org/protocol/muc'/>"), "sha-1"));
    assertNull(CapsHash.of(query(identity + FEATURES + SOFTWARE_INFO + SOFTWARE_INFO),
        "sha-1"));
    // ... or a FORM_TYPE with two different values
    assertNull(CapsHash.of(query(identity + FEATURES + "<x xmlns='jabber:x:data' type='result'>"
        + "<field var='FORM_TYPE' type='hidden'><value>a</value><value>b</value></field></x>"),
        "sha-1"));
    // An unsupported (or insecure) hash function verifies nothing.
    assertNull(CapsHash.of(query(identity + FEATURES), "md5"));
  }

  @Test
  void aFormWithoutHiddenFormTypeIsIgnored() {
    // §5.4 3.6
    String identity = "<identity category='client' type='pc' name='Exodus 0.9.1'/>";
    String plain = CapsHash.of(query(identity + FEATURES), "sha-1");
    assertEquals(plain, CapsHash.of(query(identity + FEATURES
        + "<x xmlns='jabber:x:data' type='result'><field var='FORM_TYPE'><value>urn:x</value>"
        + "</field><field var='a'><value>1</value></field></x>"), "sha-1"));
    assertEquals(plain, CapsHash.of(query(identity + FEATURES
        + "<x xmlns='jabber:x:data' type='result'><field var='a'><value>1</value></field></x>"),
        "sha-1"));
  }

  @Test
  void otherHashFunctionsOfTheRegistryWork() {
    Element q = query("<identity category='client' type='pc'/>" + FEATURES);
    assertEquals(44, CapsHash.of(q, "sha-256").length());
  }
}
