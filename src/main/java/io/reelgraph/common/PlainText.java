package io.reelgraph.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text a catalogue shows on one line: no control characters (U+0000–U+001F, U+007F–U+009F), no line or paragraph
 * separators (U+2028, U+2029), no bidirectional embeddings, overrides or isolates (U+202A–U+202E, U+2066–U+2069),
 * which make a name display as something else, and no noncharacters (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF). Every
 * other character stays, emoji sequences (zero-width joiner, variation selectors), combining marks and all scripts
 * among them.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD,
        ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    String MESSAGE = "must not contain control, line-separator, bidirectional-override or noncharacter code points";

    String message() default MESSAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlainText, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || firstRefused(value) < 0;
        }

        /** The index of the first code point that is refused, or -1. */
        public static int firstRefused(String text) {
            for (int i = 0; i < text.length();) {
                int c = text.codePointAt(i);
                if (refused(c)) {
                    return i;
                }
                i += Character.charCount(c);
            }
            return -1;
        }

        private static boolean refused(int c) {
            return c <= 0x1F || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E)
                    || (c >= 0x2066 && c <= 0x2069) || (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
        }
    }
}
