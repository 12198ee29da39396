package io.reelgraph.listing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import io.reelgraph.error.ApiException;
import io.smallrye.mutiny.Multi;

/** The rules shared by the NDJSON streams of {@code GET /authors} and {@code GET /videos}. */
public final class Streams {

    public static final String NDJSON = "application/x-ndjson";

    private static final List<String> PAGING = List.of("page", "size", "cursor");

    private Streams() {
    }

    /**
     * The lines of one chunk of a stream, already JSON, written as they are. RESTEasy Reactive streams each element
     * as JSON followed by a newline, so a chunk is one write where one element per row would cost a write and its
     * completion (a round of back-pressure) per row.
     */
    @JsonSerialize(using = Lines.Writer.class)
    public record Lines(String json) {

        static final class Writer extends StdSerializer<Lines> {
            Writer() {
                super(Lines.class);
            }

            @Override
            public void serialize(Lines lines, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeRaw(lines.json());
            }
        }
    }

    /** The NDJSON of a stream of chunks: each chunk's views on lines of their own, written by one generator. */
    public static <V> Multi<Lines> ndjson(Multi<List<V>> chunks, ObjectMapper mapper) {
        ObjectWriter lines = mapper.writer().withRootValueSeparator("\n");
        return chunks.filter(chunk -> !chunk.isEmpty()).map(chunk -> {
            StringWriter json = new StringWriter();
            try (SequenceWriter writer = lines.writeValues(json)) {
                writer.writeAll(chunk);
            } catch (IOException e) {
                throw new UncheckedIOException("a view that cannot be written as JSON", e);
            }
            return new Lines(json.toString());
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
