package io.reelgraph.devauth;

import java.time.Duration;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.profile.IfBuildProfile;
import io.reelgraph.common.Roles;
import io.smallrye.jwt.build.Jwt;

/**
 * Dev mode only (absent from test and prod builds): an editor's bearer token, so that a developer can write with curl
 * or Swagger UI: {@code curl -s localhost:8080/dev/token}. It is signed with the key pair smallrye-jwt generates for
 * dev mode when none is configured ({@code smallrye.jwt.sign.key}, kept across live reloads); prod generates nothing
 * and verifies with the key it is given.
 */
@Path("/dev/token")
@IfBuildProfile("dev")
public class DevTokenResource {

    private static final Duration LIFETIME = Duration.ofHours(8);

    private final String issuer;

    DevTokenResource(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.issuer = issuer;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String editorToken() {
        return Jwt.issuer(issuer).upn("developer").groups(Roles.EDITOR).expiresIn(LIFETIME).sign();
    }
}
