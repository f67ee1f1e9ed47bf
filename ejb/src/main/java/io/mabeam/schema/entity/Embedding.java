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

/** The value is an embedding: finite numbers, as many as the dimension (-1: any number, at least one). Null is valid (combine with {@code @NotNull}). */
@Documented
@Constraint(validatedBy = EmbeddingValidator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface Embedding {

    String message() default "must be an embedding";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    int dimension() default -1;
}
