package io.parley.embedded.testing;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.StringPreparation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** The client side of SCRAM (RFC 5802), for byte-level tests that must log in. */
public final class ScramClient {
  private final ScramMechanism mechanism;
  private final String username;
  private final String password;
  private final String clientNonce = "rOprNGfwEbeRWgbNEkqO";
  private String clientFirstBare;
  private byte[] saltedPassword;
  private String authMessage;

  public ScramClient(String mechanism, String username, String password) {
    this.mechanism = ScramMechanism.byName(mechanism);
    this.username = username;
    this.password = password;
  }

  /** The base64 initial response for {@code <auth/>}. */
  public String clientFirst() {
    clientFirstBare = "n=" + username + ",r=" + clientNonce;
    return b64("n,," + clientFirstBare);
  }

  /** The base64 client-final message answering the server's base64 challenge. */
  public String clientFinal(String challengeBase64) {
    String serverFirst = new String(Base64.getDecoder().decode(challengeBase64),
        StandardCharsets.UTF_8);
    Map<String, String> attrs = attributes(serverFirst);
    byte[] salt = Base64.getDecoder().decode(attrs.get("s"));
    int iterations = Integer.parseInt(attrs.get("i"));
    saltedPassword = ScramFunctions.saltedPassword(mechanism, StringPreparation.NO_PREPARATION,
        password.toCharArray(), salt, iterations);
    String withoutProof = "c=" + b64("n,,") + ",r=" + attrs.get("r");
    authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] clientKey = ScramFunctions.clientKey(mechanism, saltedPassword);
    byte[] storedKey = ScramFunctions.storedKey(mechanism, clientKey);
    byte[] signature = ScramFunctions.clientSignature(mechanism, storedKey, authMessage);
    byte[] proof = ScramFunctions.clientProof(clientKey, signature);
    return b64(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
  }

  /** Whether the server's final message proves it knew the credential. */
  public boolean verifyServerFinal(String successBase64) {
    String serverFinal = new String(Base64.getDecoder().decode(successBase64),
        StandardCharsets.UTF_8);
    byte[] verifier = Base64.getDecoder().decode(attributes(serverFinal).get("v"));
    byte[] serverKey = ScramFunctions.serverKey(mechanism, saltedPassword);
    return ScramFunctions.verifyServerSignature(mechanism, serverKey, authMessage, verifier);
  }

  private static Map<String, String> attributes(String message) {
    Map<String, String> map = new HashMap<>();
    for (String part : message.split(",")) {
      map.put(part.substring(0, 1), part.substring(2));
    }
    return map;
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
