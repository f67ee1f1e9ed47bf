package io.mabeam.schema.entity;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.List;

/** Checks {@link Embedding}: finite numbers, exactly {@code dimension} of them (or at least one for -1). */
public class EmbeddingValidator implements ConstraintValidator<Embedding, Object> {

    private int dimension;

    @Override
    public void initialize(Embedding constraint) {
        dimension = constraint.dimension();
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        List<Double> numbers = Numbers.of(value);
        return numbers != null
                && !numbers.isEmpty()
                && (dimension < 0 || numbers.size() == dimension)
                && numbers.stream().allMatch(Double::isFinite);
    }
}
