package io.mabeam.schema.entity;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** The value is a probability: a number from 0 to 1. Null is valid (combine with {@code @NotNull}). */
@Documented
@Constraint(validatedBy = ProbabilityValidator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface Probability {

    String message() default "must be a probability";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    double epsilon() default 1e-9;
}
