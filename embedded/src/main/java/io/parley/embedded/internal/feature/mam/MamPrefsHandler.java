package io.parley.embedded.internal.feature.mam;

import io.parley.spi.handler.IqContext;
import io.parley.spi.handler.IqHandler;
import io.parley.spi.handler.IqScope;
import io.parley.spi.handler.StanzaErrorException;
import io.parley.spi.stanza.Element;
import io.parley.spi.stanza.Iq;
import io.parley.spi.stanza.Jid;
import io.parley.spi.stanza.StanzaError;
import io.parley.spi.stanza.StanzaError.Condition;
import io.parley.spi.storage.ArchivePreferences;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.inject.Inject;

/**
 * Archiving preferences (XEP-0441, formerly XEP-0313 §6, in the {@code urn:xmpp:mam:2}
 * namespace): get returns them, set replaces them and returns what was applied.
 *
 * <pre>{@code
 * C: <iq type='set' id='p1'><prefs xmlns='urn:xmpp:mam:2' default='roster'>
 *      <always><jid>romeo@example.com</jid></always><never/></prefs></iq>
 * S: <iq type='result' id='p1'><prefs xmlns='urn:xmpp:mam:2' default='roster'>…</prefs></iq>
 * }</pre>
 */
final class MamPrefsHandler implements IqHandler {
  private final Archives archives;

  @Inject
  MamPrefsHandler(Archives archives) {
    this.archives = archives;
  }

  @Override
  public String namespace() {
    return Mam.NAMESPACE;
  }

  @Override
  public String element() {
    return "prefs";
  }

  @Override
  public Set<IqScope> scopes() {
    return Set.of(IqScope.ACCOUNT);
  }

  @Override
  public Set<String> features() {
    return Set.of(); // covered by urn:xmpp:mam:2
  }

  @Override
  public CompletionStage<Iq> handle(Iq request, IqContext context) {
    Jid owner = context.target();
    if (!owner.equals(context.sender().asBare())) {
      return CompletableFuture.failedFuture(new StanzaErrorException(Condition.FORBIDDEN));
    }
    if (request.type() == Iq.Type.GET) {
      return archives.preferences(owner).thenApply(p -> request.result(toElement(p)));
    }
    ArchivePreferences prefs;
    try {
      prefs = parse(request.payload());
    } catch (StanzaErrorException e) {
      return CompletableFuture.failedFuture(e);
    }
    return archives.setPreferences(owner, prefs).thenApply(p -> request.result(toElement(p)));
  }

  static ArchivePreferences parse(Element prefs) {
    String value = prefs.attribute("default");
    if (value == null) {
      throw bad("default is required");
    }
    ArchivePreferences.Default behaviour = switch (value) {
      case "always" -> ArchivePreferences.Default.ALWAYS;
      case "never" -> ArchivePreferences.Default.NEVER;
      case "roster" -> ArchivePreferences.Default.ROSTER;
      default -> throw bad("default must be always, never or roster");
    };
    return new ArchivePreferences(behaviour, jids(prefs.child("always", Mam.NAMESPACE)),
        jids(prefs.child("never", Mam.NAMESPACE)));
  }

  private static Set<Jid> jids(Element list) {
    Set<Jid> jids = new LinkedHashSet<>();
    if (list == null) {
      return jids; // XEP-0441 §2.1.2, §2.1.3: a missing list is empty
    }
    for (Element e : list.elements()) {
      if (e.name().equals("jid") && e.namespace().equals(Mam.NAMESPACE)) {
        try {
          jids.add(Jid.of(e.text().trim()));
        } catch (RuntimeException ex) {
          throw new StanzaErrorException(
              StanzaError.of(Condition.JID_MALFORMED, "not a JID: " + e.text()));
        }
      }
    }
    return jids;
  }

  static Element toElement(ArchivePreferences p) {
    return Element.builder("prefs", Mam.NAMESPACE)
        .attribute("default", p.defaultBehaviour().name().toLowerCase(Locale.ROOT))
        .child(list("always", p.always()))
        .child(list("never", p.never()))
        .build();
  }

  private static Element list(String name, Set<Jid> jids) {
    Element.Builder b = Element.builder(name, Mam.NAMESPACE);
    // Sorted, so that the answer does not depend on set iteration order.
    for (String jid : new TreeSet<>(jids.stream().map(Jid::toString).toList())) {
      b.child(Element.builder("jid", Mam.NAMESPACE).text(jid).build());
    }
    return b.build();
  }

  private static StanzaErrorException bad(String text) {
    return new StanzaErrorException(StanzaError.of(Condition.BAD_REQUEST, text));
  }
}
