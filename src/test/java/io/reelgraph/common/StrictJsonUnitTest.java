package io.reelgraph.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** The request mapper's strictness on its own: declared JSON types only, and text that is valid Unicode. */
class StrictJsonUnitTest {

    record Fields(String name, Float score, Long id) {
    }

    private final ObjectMapper mapper = new ObjectMapper();

    StrictJsonUnitTest() {
        new StrictJson().customize(mapper);
    }

    @Test
    void declaredTypesAndPairedSurrogatesAreRead() throws Exception {
        assertEquals(new Fields("é 🎬", 9.5f, 12L),
                mapper.readValue("{\"name\":\"\\u00e9 \\ud83c\\udfac\",\"score\":9.5,\"id\":12}", Fields.class));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"name\":5}", "{\"name\":true}", "{\"score\":\"9\"}", "{\"score\":\"\"}", "{\"id\":1.5}",
            "{\"id\":false}", "{\"name\":\"\\ud83d\"}", "{\"name\":\"a\\udc00b\"}", "{\"name\":\"\\udfac\\ud83c\"}" })
    void otherTypesAndUnpairedSurrogatesAreRefused(String body) {
        assertThrows(MismatchedInputException.class, () -> mapper.readValue(body, Fields.class), body);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"name\":\"a\"} {}", "{\"name\":\"a\"}x", "{\"name\":\"a\",\"name\":\"b\"}",
            "{\"id\":1,\"name\":\"a\",\"id\":1}" })
    void moreThanOneDocumentOrAKeyTwiceIsRefused(String body) {
        assertThrows(JsonProcessingException.class, () -> mapper.readValue(body, Fields.class), body);
    }
}
