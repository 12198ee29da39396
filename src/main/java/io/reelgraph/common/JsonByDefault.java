package io.reelgraph.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A list answers JSON unless the client asks for NDJSON by name. A list has two methods on one path (the JSON page
 * and the NDJSON stream), and for a request with no {@code Accept} header, or {@code *}{@code /*} (curl's default),
 * RESTEasy Reactive may pick either one; this makes JSON the preferred answer to those, before the method is chosen,
 * while anything else (the text of {@code /dev/token}) stays acceptable.
 */
public class JsonByDefault {

    private static final String PREFERRED = MediaType.APPLICATION_JSON + ", " + MediaType.WILDCARD + ";q=0.5";

    @ServerRequestFilter(preMatching = true)
    public void preferJson(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank() || accept.strip().equals(MediaType.WILDCARD)) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, PREFERRED);
        }
    }
}
