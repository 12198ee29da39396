package io.reelgraph.common;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A list answers its JSON page unless the client names NDJSON. A list has two methods on one path (the JSON page and
 * the NDJSON stream), and for an {@code Accept} that both match — none, {@code *}{@code /*} (curl's default), or a
 * browser's {@code text/html, ..., *}{@code /*;q=0.8} — RESTEasy Reactive may pick either. Such a header gets JSON
 * put first, before the method is chosen; the rest of it stays, so whatever it accepted is still accepted, and a
 * header that names neither (application/xml) is left to be refused.
 */
public class JsonByDefault {

    @ServerRequestFilter(preMatching = true)
    public void preferJson(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON + ", */*;q=0.5");
        } else if (!accept.contains(Streams.NDJSON) && (accept.contains("*/*") || accept.contains("application/*"))) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON + ", " + accept);
        }
    }
}
