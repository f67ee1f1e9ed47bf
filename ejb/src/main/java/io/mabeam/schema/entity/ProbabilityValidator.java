package io.mabeam.schema.entity;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link Probability}: a finite number in [0, 1], give or take the rounding epsilon. */
public class ProbabilityValidator implements ConstraintValidator<Probability, Number> {

    private double epsilon;

    @Override
    public void initialize(Probability constraint) {
        epsilon = constraint.epsilon();
    }

    @Override
    public boolean isValid(Number value, ConstraintValidatorContext context) {
        return value == null || probability(value.doubleValue(), epsilon);
    }

    static boolean probability(double p, double epsilon) {
        return Double.isFinite(p) && p >= -epsilon && p <= 1 + epsilon;
    }
}
