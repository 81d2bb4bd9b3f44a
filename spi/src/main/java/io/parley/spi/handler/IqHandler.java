package io.parley.spi.handler;

import io.parley.spi.stanza.Iq;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Answers IQ requests whose payload has one qualified name, addressed to the server or to an
 * account (RFC 6120 §10.3.3, §10.5.3). Built-in features and host code register handlers the same
 * way; Parley fails at start-up if two claim the same name and scope.
 *
 * <p>A host handler is called from Parley's blocking executor and may block. The returned stage
 * must complete with exactly one result or error IQ (derive it with {@link Iq#result()} or
 * {@link Iq#errorReply}); completing exceptionally with a {@link StanzaErrorException} sends that
 * error, any other exception sends {@code internal-server-error}.
 *
 * <pre>{@code
 * <iq type='get' id='t1' to='example.com'><time xmlns='urn:xmpp:time'/></iq>
 * }</pre>
 */
public interface IqHandler {
  /** The payload namespace, e.g. {@code urn:xmpp:ping}. */
  String namespace();

  /** The payload element name, e.g. {@code ping}. */
  String element();

  /** Where the handler answers; the server's domain by default. */
  default Set<IqScope> scopes() {
    return Set.of(IqScope.SERVER);
  }

  /** The XEP-0030 features advertised for each scope; the namespace by default. */
  default Set<String> features() {
    return Set.of(namespace());
  }

  /** Handles a {@code get} or {@code set} request; never called for results or errors. */
  CompletionStage<Iq> handle(Iq request, IqContext context);
}
