package io.reelgraph.devauth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The key pair that signs and verifies bearer tokens in dev mode and tests: made once per JVM, never written to
 * disk, never in a prod configuration. Dev mode hands out tokens from {@link DevTokenResource}.
 */
public final class DevJwtKeys {

    /** PEM text survives dev-mode reloads in system properties, so reloads keep the tokens valid. */
    private static final String PUBLIC_PROPERTY = "reelgraph.dev-jwt.public";
    private static final String PRIVATE_PROPERTY = "reelgraph.dev-jwt.private";

    private DevJwtKeys() {
    }

    /** The public key as PEM, generating the pair on first use. */
    public static synchronized String publicKeyPem() {
        if (System.getProperty(PUBLIC_PROPERTY) == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                var pair = generator.generateKeyPair();
                System.setProperty(PUBLIC_PROPERTY, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                System.setProperty(PRIVATE_PROPERTY, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return System.getProperty(PUBLIC_PROPERTY);
    }

    public static String privateKeyPem() {
        publicKeyPem();
        return System.getProperty(PRIVATE_PROPERTY);
    }

    public static PrivateKey privateKey() {
        String base64 = privateKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
