package io.reelgraph.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import io.reelgraph.common.Roles;
import io.reelgraph.devauth.DevJwtKeys;
import io.smallrye.jwt.build.Jwt;

/** Bearer tokens signed with the dev/test key pair, which the service under test verifies. */
public final class Tokens {

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
                .sign(DevJwtKeys.privateKey());
    }

    /** Right issuer and role, signed by a key the service does not trust. */
    public static String forged() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return "Bearer " + Jwt.issuer("reelgraph").upn("forger").groups(Roles.EDITOR)
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
                .sign(DevJwtKeys.privateKey());
    }
}
