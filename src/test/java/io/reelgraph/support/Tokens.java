package io.reelgraph.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;

import io.reelgraph.common.Roles;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Bearer tokens signed with a key the service under test trusts. A {@code @QuarkusTest}'s service verifies with the key
 * pair smallrye-jwt generated for it (no key is configured in the test profile), whose private half is in the
 * configuration the test shares with it ({@code smallrye.jwt.sign.key}). A packaged application runs in the prod
 * profile, which generates nothing: it is given the public half of these tests' own pair ({@link #packagedAppPublicKey}).
 */
public final class Tokens {

    private static final KeyPair PACKAGED_APP_KEYS = newKeyPair();

    private static final String EDITOR = sign("reelgraph", Duration.ofHours(2), Roles.EDITOR);

    private Tokens() {
    }

    /** {@code Bearer …} for a client allowed to write. */
    public static String editor() {
        return "Bearer " + EDITOR;
    }

    /** The same token alone, for clients that add {@code Bearer} themselves. */
    public static String editorJwt() {
        return EDITOR;
    }

    public static String withRoles(String... roles) {
        return "Bearer " + sign("reelgraph", Duration.ofHours(1), roles);
    }

    public static String expired() {
        return "Bearer " + Jwt.issuer("reelgraph").upn("late").groups(Roles.EDITOR)
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                .sign(signingKey());
    }

    /** Right issuer and role, signed by a key the service does not trust. */
    public static String forged() {
        return "Bearer " + Jwt.issuer("reelgraph").upn("forger").groups(Roles.EDITOR).sign(newKeyPair().getPrivate());
    }

    /** Right issuer and role, and no signature at all ({@code alg: none}). */
    public static String unsigned() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String claims = "{\"iss\":\"reelgraph\",\"upn\":\"forger\",\"groups\":[\"editor\"],\"exp\":"
                + (Instant.now().getEpochSecond() + 3600) + "}";
        return "Bearer " + base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    public static String fromIssuer(String issuer) {
        return "Bearer " + sign(issuer, Duration.ofHours(1), Roles.EDITOR);
    }

    private static String sign(String issuer, Duration lifetime, String... roles) {
        return Jwt.issuer(issuer).upn("test-client").groups(Set.of(roles)).expiresIn(lifetime)
                .sign(signingKey());
    }

    /** What a packaged application under test verifies tokens with ({@code mp.jwt.verify.publickey}). */
    public static String packagedAppPublicKey() {
        return Base64.getEncoder().encodeToString(PACKAGED_APP_KEYS.getPublic().getEncoded());
    }

    private static PrivateKey signingKey() {
        try {
            String generated = ConfigProvider.getConfig().getOptionalValue("smallrye.jwt.sign.key", String.class)
                    .orElse(null);
            return generated == null ? PACKAGED_APP_KEYS.getPrivate() : KeyUtils.decodePrivateKey(generated);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            return KeyUtils.generateKeyPair(2048);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
