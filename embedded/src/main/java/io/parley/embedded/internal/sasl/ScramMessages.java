package io.parley.embedded.internal.sasl;

import java.util.Base64;

/**
 * Parses the two client messages of SCRAM (RFC 5802 §7). scram-common 3.2 has a client-first
 * parser, but it SASLname-encodes the already encoded username a second time and drops extensions
 * when the message is written back, which would corrupt the AuthMessage; and it has no
 * client-final parser. So both are parsed here, keeping the exact text the client sent.
 */
final class ScramMessages {
  private ScramMessages() {}

  /** A malformed client message; the text is safe to send back. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * client-first-message = gs2-header client-first-message-bare.
   *
   * @param gs2Header the header exactly as sent, including its final comma
   * @param cbindFlag 'n', 'y' or 'p'
   * @param authzid the decoded authzid, or null
   * @param username the decoded (not yet prepared) username
   * @param bare client-first-message-bare exactly as sent
   */
  record ClientFirst(String gs2Header, char cbindFlag, String authzid, String username,
      String clientNonce, String bare) {}

  /**
   * @param withoutProof client-final-message-without-proof exactly as sent
   * @param channelBinding the decoded c= attribute
   */
  record ClientFinal(String withoutProof, byte[] channelBinding, String nonce, byte[] proof) {}

  static ClientFirst parseClientFirst(String message) throws MalformedException {
    int flagEnd = message.indexOf(',');
    if (flagEnd < 0) {
      throw new MalformedException("missing gs2-header");
    }
    String flag = message.substring(0, flagEnd);
    char cbindFlag;
    if (flag.equals("n") || flag.equals("y")) {
      cbindFlag = flag.charAt(0);
    } else if (flag.startsWith("p=") && flag.length() > 2) {
      cbindFlag = 'p';
    } else {
      throw new MalformedException("bad gs2-cbind-flag");
    }
    int headerEnd = message.indexOf(',', flagEnd + 1);
    if (headerEnd < 0) {
      throw new MalformedException("missing gs2-header");
    }
    String authzidField = message.substring(flagEnd + 1, headerEnd);
    String authzid = null;
    if (!authzidField.isEmpty()) {
      if (!authzidField.startsWith("a=")) {
        throw new MalformedException("bad authzid");
      }
      authzid = decodeSaslName(authzidField.substring(2), true);
    }
    String bare = message.substring(headerEnd + 1);
    String[] fields = bare.split(",", -1);
    if (fields.length < 2) {
      throw new MalformedException("missing username or nonce");
    }
    checkExtensions(fields, 2);
    String username = decodeSaslName(value(fields[0], 'n'), false);
    String nonce = value(fields[1], 'r');
    checkPrintable(nonce);
    return new ClientFirst(
        message.substring(0, headerEnd + 1), cbindFlag, authzid, username, nonce, bare);
  }

  static ClientFinal parseClientFinal(String message) throws MalformedException {
    // The proof is always the last attribute, and values cannot contain a comma.
    int proofStart = message.lastIndexOf(",p=");
    if (proofStart < 0) {
      throw new MalformedException("missing proof");
    }
    String withoutProof = message.substring(0, proofStart);
    byte[] proof = base64(message.substring(proofStart + 3));
    String[] fields = withoutProof.split(",", -1);
    if (fields.length < 2) {
      throw new MalformedException("missing channel binding or nonce");
    }
    checkExtensions(fields, 2);
    byte[] channelBinding = base64(value(fields[0], 'c'));
    String nonce = value(fields[1], 'r');
    checkPrintable(nonce);
    return new ClientFinal(withoutProof, channelBinding, nonce, proof);
  }

  /** saslname: "=2C" stands for ',' and "=3D" for '='; any other '=' is malformed. */
  static String decodeSaslName(String s, boolean allowEmpty) throws MalformedException {
    if (s.isEmpty() && !allowEmpty) {
      throw new MalformedException("empty name");
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\0') {
        throw new MalformedException("NUL in name");
      }
      if (c != '=') {
        sb.append(c);
      } else if (s.startsWith("=2C", i)) {
        sb.append(',');
        i += 2;
      } else if (s.startsWith("=3D", i)) {
        sb.append('=');
        i += 2;
      } else {
        throw new MalformedException("bad escape in name");
      }
    }
    return sb.toString();
  }

  private static String value(String field, char attribute) throws MalformedException {
    if (field.length() < 3 || field.charAt(0) != attribute || field.charAt(1) != '=') {
      throw new MalformedException("expected attribute " + attribute);
    }
    return field.substring(2);
  }

  /**
   * Optional extensions are ignored, but "m" is reserved for mandatory ones and, per
   * RFC 5802 §5.1, its presence anywhere must fail the exchange.
   */
  private static void checkExtensions(String[] fields, int firstExtension)
      throws MalformedException {
    if (fields[0].startsWith("m=")) {
      throw new MalformedException("unsupported mandatory extension");
    }
    for (int i = firstExtension; i < fields.length; i++) {
      String f = fields[i];
      if (f.length() < 2 || f.charAt(1) != '=' || !isAlpha(f.charAt(0)) || f.charAt(0) == 'm') {
        throw new MalformedException("bad extension");
      }
    }
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static void checkPrintable(String nonce) throws MalformedException {
    for (int i = 0; i < nonce.length(); i++) {
      char c = nonce.charAt(i);
      if (c < 0x21 || c > 0x7e || c == ',') {
        throw new MalformedException("bad nonce");
      }
    }
  }

  private static byte[] base64(String s) throws MalformedException {
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new MalformedException("bad base64");
    }
  }
}
