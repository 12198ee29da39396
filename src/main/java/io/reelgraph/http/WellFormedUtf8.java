package io.reelgraph.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import io.reelgraph.error.ApiException;

/**
 * A request body must be well-formed UTF-8 before any of it is decoded into a field. Jackson's own decoder refuses
 * most malformed bytes but not every non-shortest form: {@code E0 9F BF} (U+07FF in three bytes) was read and stored
 * before this check. So the bytes are checked first with Java's strict decoder: every malformed, truncated, overlong
 * or surrogate sequence and every code point past U+10FFFF is a 400 {@code malformed-request} with one detail. Bodies
 * are bounded ({@link BodyLimit}), so holding one in memory to check it is too. JSON is UTF-8 (RFC 8259), whatever
 * charset a client declares.
 */
@Provider
public class WellFormedUtf8 implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        byte[] body = context.getInputStream().readAllBytes();
        if (!wellFormed(body)) {
            throw ApiException.malformed("The body is not well-formed UTF-8");
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** Decodes through a small buffer it reuses: a 10 MB import must not cost 20 MB of characters to check. */
    private static boolean wellFormed(byte[] body) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(8192);
        CoderResult result;
        while ((result = strict.decode(in, out, true)).isOverflow()) {
            out.clear();
        }
        return !result.isError() && !strict.flush(out).isError();
    }
}
