package io.reelgraph.devauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.profile.IfBuildProfile;
import io.reelgraph.common.Roles;

/**
 * Dev mode only (absent from test and prod builds): an editor's bearer token, signed with the dev key pair, so that
 * a developer can write with curl or Swagger UI: {@code curl -s localhost:8080/dev/token}.
 */
@Path("/dev/token")
@IfBuildProfile("dev")
public class DevTokenResource {

    private static final long LIFETIME_SECONDS = 8 * 3600;

    private final String issuer;

    DevTokenResource(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.issuer = issuer;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String editorToken() throws GeneralSecurityException {
        long now = Instant.now().getEpochSecond();
        String header = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = base64Url("{\"iss\":\"" + issuer + "\",\"upn\":\"developer\",\"groups\":[\"" + Roles.EDITOR
                + "\"],\"iat\":" + now + ",\"exp\":" + (now + LIFETIME_SECONDS) + "}");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(DevJwtKeys.privateKey());
        rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
