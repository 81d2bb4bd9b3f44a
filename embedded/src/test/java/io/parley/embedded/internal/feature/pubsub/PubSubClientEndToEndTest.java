package io.parley.embedded.internal.feature.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.embedded.testing.ParleyServerExtension;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.geoloc.GeoLocationManager;
import org.jivesoftware.smackx.geoloc.packet.GeoLocation;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.ItemPublishEvent;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.listener.ItemEventListener;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jxmpp.jid.impl.JidCreate;

/** Smack's pub-sub and PEP managers against Parley over TCP with STARTTLS. */
@Tag("e2e")
class PubSubClientEndToEndTest {
  @RegisterExtension
  static final ParleyServerExtension server = new ParleyServerExtension();

  @Test
  void smackCreatesPublishesSubscribesAndRetrieves() throws Exception {
    XMPPTCPConnection alice = server.login("alice", "desk");
    XMPPTCPConnection bob = server.login("bob", "phone");
    var service = JidCreate.bareFrom("pubsub.localhost");
    PubSubManager aliceMgr = PubSubManager.getInstanceFor(alice, service);
    PubSubManager bobMgr = PubSubManager.getInstanceFor(bob, service);
    assertEquals(service, PubSubManager.getPubSubService(alice));
    LeafNode node = aliceMgr.createNode("e2e-news");
    try {
      LeafNode bobsView = bobMgr.getLeafNode("e2e-news");
      BlockingQueue<Item> got = new LinkedBlockingQueue<>();
      bobsView.addItemEventListener((ItemEventListener<Item>) (ItemPublishEvent<Item> e) ->
          got.addAll(e.getItems()));
      bobsView.subscribe(bob.getUser());
      node.publish(new PayloadItem<>("i1", StandardExtensionElement.builder("headline",
          "urn:example:news").setText("extra").build()));
      Item item = got.poll(15, TimeUnit.SECONDS);
      assertNotNull(item, "notification");
      assertEquals("i1", item.getId());
      assertTrue(item.toXML().toString().contains("extra"), item.toXML().toString());
      List<Item> items = bobsView.getItems();
      assertEquals(1, items.size());
      assertEquals("i1", items.get(0).getId());
      // Bob is no publisher.
      XMPPErrorException e = assertThrows(XMPPErrorException.class,
          () -> bobsView.publish(new PayloadItem<>("i2", StandardExtensionElement.builder(
              "headline", "urn:example:news").build())));
      assertEquals(StanzaError.Condition.forbidden, e.getStanzaError().getCondition());
    } finally {
      aliceMgr.deleteNode("e2e-news");
    }
  }

  @Test
  void smackPepGeolocationReachesTheOwnersInterestedResource() throws Exception {
    XMPPTCPConnection phone = server.login("carol", "phone");
    XMPPTCPConnection laptop = server.login("carol", "laptop");
    BlockingQueue<GeoLocation> got = new LinkedBlockingQueue<>();
    // Adds geoloc+notify to the laptop's caps and re-announces its presence.
    GeoLocationManager.getInstanceFor(laptop).addGeoLocationListener(
        (from, geo, id, message) -> got.add(geo));
    GeoLocationManager.getInstanceFor(phone).publishGeoLocation(
        GeoLocation.builder().setLat(45.44).setLon(12.33).setLocality("Venice").build());
    GeoLocation geo = got.poll(15, TimeUnit.SECONDS);
    assertNotNull(geo, "PEP notification");
    assertEquals("Venice", geo.getLocality());
  }
}
