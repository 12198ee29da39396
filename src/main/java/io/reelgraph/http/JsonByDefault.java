package io.reelgraph.http;

import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.reelgraph.listing.Streams;

/**
 * A list answers its JSON page unless the client prefers NDJSON. A list has two methods on one path (the JSON page
 * and the NDJSON stream), and for an {@code Accept} that both match equally — none, {@code *}{@code /*} (curl's
 * default), a browser's {@code text/html, ..., *}{@code /*;q=0.8}, or the {@code application/json,
 * application/x-ndjson} of a client generated from the contract — RESTEasy Reactive may pick either, and it does
 * not honour {@code q=0}. Such a header gets JSON put first, at the quality the client gave it, and NDJSON taken
 * out, before the method is chosen; the rest stays, so whatever else it accepted is still accepted. A header that
 * ranks NDJSON above JSON keeps it; one that accepts neither (application/xml) is left to be refused; one that cannot
 * be parsed counts as none (RFC 9110 lets a server ignore it), rather than failing the request.
 */
public class JsonByDefault {

    private static final MediaType NDJSON = MediaType.valueOf(Streams.NDJSON);
    private static final String JSON_FIRST = MediaType.APPLICATION_JSON + ", */*;q=0.5";

    @ServerRequestFilter(preMatching = true)
    public void preferJson(ContainerRequestContext request) {
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        List<MediaType> ranges = accept == null ? List.of() : parse(accept);
        if (ranges.isEmpty()) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, JSON_FIRST);
            return;
        }
        double json = quality(ranges, MediaType.APPLICATION_JSON_TYPE);
        boolean streamable = ranges.stream().anyMatch(range -> range.isCompatible(NDJSON));
        if (json > 0 && json >= quality(ranges, NDJSON) && streamable) {
            StringBuilder preferred = new StringBuilder(MediaType.APPLICATION_JSON);
            if (json < 1) {
                preferred.append(";q=").append(json);
            }
            for (MediaType range : ranges) {
                if (!range.isCompatible(NDJSON) || range.isWildcardType() || range.isWildcardSubtype()) {
                    preferred.append(", ").append(range);
                }
            }
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, preferred.toString());
        }
    }

    /** The header's media ranges; none if it is blank or any of them is malformed. */
    private static List<MediaType> parse(String accept) {
        List<MediaType> ranges = new ArrayList<>();
        try {
            for (String range : accept.split(",")) {
                if (!range.isBlank()) {
                    ranges.add(MediaType.valueOf(range.trim()));
                }
            }
        } catch (IllegalArgumentException malformed) {
            return List.of();
        }
        return ranges;
    }

    /** The q of {@code type} under the most specific range that matches it (RFC 9110, 12.5.1); 0 if none does. */
    private static double quality(List<MediaType> ranges, MediaType type) {
        double quality = 0;
        int specificity = -1;
        for (MediaType range : ranges) {
            if (range.isCompatible(type)) {
                int rangeSpecificity = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
                if (rangeSpecificity > specificity) {
                    specificity = rangeSpecificity;
                    quality = parseQuality(range.getParameters().get("q"));
                }
            }
        }
        return quality;
    }

    private static double parseQuality(String q) {
        if (q == null) {
            return 1;
        }
        try {
            return Double.parseDouble(q);
        } catch (NumberFormatException malformed) {
            return 0;
        }
    }
}
