package io.reelgraph.listing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.reelgraph.error.ApiException;

/**
 * Where a list walk stands: the sort it follows and the sort value and key of the last row given out. Opaque to
 * clients (base64url), which get it inside a {@code next} link; a cursor that does not parse, or that belongs to
 * another sort, is a 400.
 */
record Cursor(String sort, Object value, long key) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    String encode() {
        // the value last, so that text holding the separator still splits right
        String text = sort + '\n' + key + '\n' + encode(value);
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(Object value) {
        if (value == null) {
            return "n";
        }
        if (value instanceof Long number) {
            return "l" + number;
        }
        if (value instanceof Float number) {
            return "f" + Float.floatToIntBits(number);
        }
        if (value instanceof String string) {
            return "s" + string;
        }
        throw new IllegalArgumentException("no cursor for a " + value.getClass());
    }

    static Cursor decode(String cursor) {
        try {
            String[] parts = new String(DECODER.decode(cursor), StandardCharsets.UTF_8).split("\n", 3);
            String value = parts[2];
            return new Cursor(parts[0], switch (value.charAt(0)) {
                case 'n' -> requireEmpty(value.substring(1));
                case 'l' -> Long.valueOf(value.substring(1));
                case 'f' -> Float.intBitsToFloat(Integer.parseInt(value.substring(1)));
                case 's' -> value.substring(1);
                default -> throw new IllegalArgumentException("unknown value type");
            }, Long.parseLong(parts[1]));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw ApiException.invalid("cursor", "is not a cursor this list gave out: follow the next link as it is");
        }
    }

    private static Object requireEmpty(String rest) {
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException("a null with a value");
        }
        return null;
    }
}
