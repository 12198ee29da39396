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
 * The number, if present, is finite. Jackson reads the strings "NaN" and "Infinity" into floats, and a double too
 * large for a FLOAT column arrives as infinity; neither may be stored.
 */
@Documented
@Constraint(validatedBy = Finite.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface Finite {

    String message() default "must be a finite number within the range of a 32-bit float";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Finite, Float> {
        @Override
        public boolean isValid(Float value, ConstraintValidatorContext context) {
            return value == null || Float.isFinite(value);
        }
    }
}
