package io.reelgraph.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A seeded generator of hostile request parts: wrong JSON types, missing and unknown fields, huge and unicode
 * strings (4-byte emoji, combining marks, lone surrogates), extreme numbers, ids that do not exist or overflow,
 * SQL-looking text. The same seed gives the same requests, so a failure can be replayed.
 */
public final class BadInput {

    private static final String[] TEXTS = { "", " ", "test_author", "video a", "a b", "😀🎬", "🎞️‍🔥x",
            "e\u0301\u0302\u0303", "\u202Eevil", "'; DROP TABLE author; --", "%_!\\", "\"quoted\"", "\u0000nul",
            "\uD83D", "\uDC00lone", "ﬀ", "Ω≈ç√∫", "x".repeat(11), "y".repeat(101), "z".repeat(51), "null", "1e3" };

    private final Random random;

    public BadInput(long seed) {
        this.random = new Random(seed);
    }

    public <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    public boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    public String text() {
        return switch (random.nextInt(6)) {
            case 0 -> TEXTS[random.nextInt(TEXTS.length)] + TEXTS[random.nextInt(TEXTS.length)];
            case 1 -> randomChars(random.nextInt(5_000) + 1);
            default -> TEXTS[random.nextInt(TEXTS.length)];
        };
    }

    /** A JSON number token, or a token that is not JSON at all (NaN, Infinity). */
    public String numberToken() {
        return oneOf(List.of("0", "-1", "9", "7.5", "1e39", "-1e39", "1e308", "1e-320", "9223372036854775807",
                "9223372036854775808", "-9223372036854775809", "18446744073709551616", "NaN", "Infinity",
                "-Infinity", "3.4028235e38", "0.1", "-0", String.valueOf(random.nextLong()),
                String.valueOf(random.nextInt(1000))));
    }

    /** An id for a path: existing, missing, negative, overflowing or not a number. */
    public String pathId(List<Long> existing) {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> String.valueOf(oneOf(existing));
            case 3 -> "0";
            case 4 -> "-" + random.nextInt(100);
            case 5 -> "99999999999999999999999";
            case 6 -> oneOf(List.of("abc", "1.5", "%20", "1;DROP", "0x10", "%F0%9F%98%80"));
            default -> String.valueOf(9_000_000_000L + random.nextInt(1000));
        };
    }

    /** A JSON value of any type; {@code fields} are the names an object may have (plus unknown ones). */
    public String jsonValue(int depth, List<String> fields) {
        int kind = random.nextInt(depth > 2 ? 4 : 7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> numberToken();
            case 3 -> quote(text());
            case 4 -> "[" + String.join(",", repeat(random.nextInt(4), () -> jsonValue(depth + 1, fields))) + "]";
            default -> jsonObject(depth + 1, fields, Map.of());
        };
    }

    /**
     * An object with some of {@code fields} (each with a random value, or the typed one from {@code typical}),
     * sometimes an unknown field, sometimes broken JSON.
     */
    public String jsonObject(int depth, List<String> fields, Map<String, Supplier<String>> typical) {
        List<String> members = new ArrayList<>();
        for (String field : fields) {
            if (chance(60)) {
                Supplier<String> value = typical.get(field);
                members.add(quote(field) + ":" + (value != null && chance(60) ? value.get() : jsonValue(depth, fields)));
            }
        }
        if (chance(10)) {
            members.add(quote(oneOf(List.of("id", "unknown", "Name", "featuredVideoID", "__proto__"))) + ":1");
        }
        String object = "{" + String.join(",", members) + "}";
        if (chance(5)) {
            return object.substring(0, random.nextInt(object.length()));
        }
        return object;
    }

    /** JSON string literal; non-ASCII is escaped so that lone surrogates survive the trip. */
    public static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    private String randomChars(int length) {
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5f);
                case 1 -> 0x1F300 + random.nextInt(0x300);
                case 2 -> 0x300 + random.nextInt(0x70);
                default -> 0xA0 + random.nextInt(0xD700);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private List<String> repeat(int count, Supplier<String> item) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(item.get());
        }
        return items;
    }
}
