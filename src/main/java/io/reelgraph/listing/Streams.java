package io.reelgraph.listing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;

import io.reelgraph.error.ApiException;
import io.smallrye.mutiny.Multi;

/** The rules shared by the NDJSON streams of {@code GET /authors} and {@code GET /videos}. */
public final class Streams {

    public static final String NDJSON = "application/x-ndjson";

    private static final List<String> PAGING = List.of("page", "size", "cursor");

    private Streams() {
    }

    /**
     * The NDJSON of a stream of chunks: each chunk's views on lines of their own, written as UTF-8 by one generator
     * into one array. RESTEasy Reactive writes a {@code byte[]} element as it is (with the newline that ends an NDJSON
     * element), so a chunk is one write where one element per row would cost a write and its completion (a round of
     * back-pressure) per row, and nothing is written twice (as a Java string, then again as UTF-8).
     */
    public static <V> Multi<byte[]> ndjson(Multi<List<V>> chunks, ObjectMapper mapper) {
        ObjectWriter lines = mapper.writer().withRootValueSeparator("\n");
        return chunks.filter(chunk -> !chunk.isEmpty()).map(chunk -> {
            ByteArrayOutputStream json = new ByteArrayOutputStream(chunk.size() * 256); // about a line's size
            try (SequenceWriter writer = lines.writeValues(json)) {
                writer.writeAll(chunk);
            } catch (IOException e) {
                throw new UncheckedIOException("a view that cannot be written as JSON", e);
            }
            return json.toByteArray();
        });
    }

    /** A stream has every matching row in its sort order: paging parameters would be silently ignored, so they are refused. */
    public static void requireNoPaging(UriInfo uri) {
        for (String parameter : PAGING) {
            if (uri.getQueryParameters().containsKey(parameter)) {
                throw ApiException.invalid(parameter, "a stream (application/x-ndjson) has every matching row;"
                        + " page, size and cursor apply to the JSON list only");
            }
        }
    }
}
