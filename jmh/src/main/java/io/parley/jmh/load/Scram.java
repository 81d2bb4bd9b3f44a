package io.parley.jmh.load;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of one SCRAM-SHA-1 exchange (RFC 5802), without channel binding. The salted
 * password and the keys derived from it alone are cached per salt and iteration count: every
 * benchmark account shares one password and one salt, and PBKDF2 on the generator would otherwise
 * cost more CPU than the server's whole login. The server's work is unchanged by this.
 */
final class Scram {
  private static final Map<String, Keys> KEYS = new ConcurrentHashMap<>();
  /** Mac.getInstance looks the provider up again each time; each event loop keeps one. */
  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA1");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  });

  /** RFC 5802 §3: what depends on the password, salt and iteration count only. */
  private record Keys(byte[] clientKey, byte[] storedKey, byte[] serverKey) {}

  private final String password;
  private final String clientFirstBare;
  private final String clientNonce;
  private byte[] expectedServerSignature;

  Scram(String username, String password) {
    this.password = password;
    byte[] nonce = new byte[18];
    ThreadLocalRandom.current().nextBytes(nonce);
    this.clientNonce = Base64.getEncoder().encodeToString(nonce);
    this.clientFirstBare = "n=" + username + ",r=" + clientNonce;
  }

  /** The initial response, raw (the caller encodes it in base64). */
  String clientFirst() {
    return "n,," + clientFirstBare;
  }

  /** Answers the server-first message with the client-final message. */
  String clientFinal(String serverFirst) {
    String nonce = null;
    String salt = null;
    int iterations = 0;
    for (String part : serverFirst.split(",")) {
      if (part.startsWith("r=")) {
        nonce = part.substring(2);
      } else if (part.startsWith("s=")) {
        salt = part.substring(2);
      } else if (part.startsWith("i=")) {
        iterations = Integer.parseInt(part.substring(2));
      }
    }
    if (nonce == null || !nonce.startsWith(clientNonce) || salt == null || iterations < 1) {
      throw new IllegalStateException("bad server-first message: " + serverFirst);
    }
    Keys keys = keys(salt, iterations);
    String withoutProof = "c=biws,r=" + nonce;
    byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
        .getBytes(StandardCharsets.UTF_8);
    byte[] signature = hmac(keys.storedKey(), authMessage);
    byte[] proof = keys.clientKey().clone();
    for (int i = 0; i < proof.length; i++) {
      proof[i] ^= signature[i];
    }
    expectedServerSignature = hmac(keys.serverKey(), authMessage);
    return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
  }

  /** Whether the server-final message ({@code v=…}) proves the server knew the password. */
  boolean verifyServerFinal(String serverFinal) {
    if (!serverFinal.startsWith("v=") || expectedServerSignature == null) {
      return false;
    }
    byte[] v = Base64.getDecoder().decode(serverFinal.substring(2));
    return MessageDigest.isEqual(v, expectedServerSignature);
  }

  private Keys keys(String salt, int iterations) {
    return KEYS.computeIfAbsent(salt + "/" + iterations + "/" + password, k -> {
      try {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), Base64.getDecoder().decode(salt),
            iterations, 160);
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1").generateSecret(spec)
            .getEncoded();
        byte[] clientKey = hmac(salted, "Client Key".getBytes(StandardCharsets.US_ASCII));
        return new Keys(clientKey, sha1(clientKey),
            hmac(salted, "Server Key".getBytes(StandardCharsets.US_ASCII)));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = HMAC.get();
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha1(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
