package io.parley.embedded.internal.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The self-signed certificate Parley uses when the host configures none: an EC P-256 key and a
 * certificate for the domain and its subdomains, valid ten years, generated on first start and kept
 * as PEM so that clients which pinned it keep trusting the server after a restart.
 */
final class SelfSignedCertificates {
  static final String KEY_FILE = "key.pem";
  static final String CERT_FILE = "cert.pem";

  private static final Logger log = LoggerFactory.getLogger(SelfSignedCertificates.class);
  private static final Duration VALIDITY = Duration.ofDays(3650);

  private SelfSignedCertificates() {}

  /**
   * Returns {@code dataDirectory/tls}, holding {@value #KEY_FILE} and {@value #CERT_FILE}, after
   * generating them if either is missing. Blocks (key generation, file I/O).
   */
  static synchronized Path ensure(Path dataDirectory, String domain) {
    Path dir = dataDirectory.resolve("tls");
    Path key = dir.resolve(KEY_FILE);
    Path cert = dir.resolve(CERT_FILE);
    if (Files.exists(key) && Files.exists(cert)) {
      return dir;
    }
    try {
      Files.createDirectories(dir);
      KeyPair keyPair = newKeyPair();
      X509CertificateHolder certificate = selfSign(keyPair, domain);
      // Key first: a cert.pem without its key.pem would otherwise look complete.
      writeAtomically(key, pem("PRIVATE KEY", keyPair.getPrivate().getEncoded()), true);
      writeAtomically(cert, pem("CERTIFICATE", certificate.getEncoded()), false);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write a self-signed certificate to " + dir, e);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Cannot generate a self-signed certificate", e);
    }
    log.info("Generated a self-signed certificate for {} in {}", domain, dir);
    return dir;
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    return generator.generateKeyPair();
  }

  private static X509CertificateHolder selfSign(KeyPair keyPair, String domain)
      throws IOException, OperatorCreationException {
    String asciiDomain = IDN.toASCII(domain); // dNSName holds A-labels only (RFC 5280 §4.2.1.6)
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.CN, asciiDomain)
        .build();
    Instant now = Instant.now();
    // A random 127-bit positive serial: unique without keeping state (RFC 5280 §4.1.2.2).
    BigInteger serial = new BigInteger(127, new SecureRandom());
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
        Date.from(now.minus(Duration.ofDays(1))), // tolerate clients whose clock is behind
        Date.from(now.plus(VALIDITY)), subject, keyPair.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
        new GeneralName[] {
            new GeneralName(GeneralName.dNSName, asciiDomain),
            new GeneralName(GeneralName.dNSName, "*." + asciiDomain)}));
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    builder.addExtension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    return builder.build(
        new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate()));
  }

  private static byte[] pem(String type, byte[] der) throws IOException {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject(type, der));
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Writes a temporary file (owner-only when secret and POSIX), then moves it into place. */
  private static void writeAtomically(Path target, byte[] content, boolean secret)
      throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    if (secret && supportsPosix(target)) {
      FileAttribute<?> ownerOnly =
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
      // Created with the permissions, so the key is never readable by others, even briefly.
      Files.createFile(tmp, ownerOnly);
    } else {
      Files.createFile(tmp);
    }
    Files.write(tmp, content);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static boolean supportsPosix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
