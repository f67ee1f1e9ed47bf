package io.mabeam.schema.entity;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.util.List;

/**
 * Checks {@link ProbabilityVector} on arrays, collections or maps of numbers (a map's values: class →
 * probability): each in [0, 1], at least one, summing to 1 within the tolerance.
 */
public class ProbabilityVectorValidator implements ConstraintValidator<ProbabilityVector, Object> {

    private double tolerance;

    @Override
    public void initialize(ProbabilityVector constraint) {
        tolerance = constraint.tolerance();
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        return value == null || valid(Numbers.of(value), tolerance);
    }

    public static boolean valid(List<Double> numbers, double tolerance) {
        if (numbers == null || numbers.isEmpty()) {
            return false;
        }
        double sum = 0;
        for (double p : numbers) {
            if (!ProbabilityValidator.probability(p, tolerance)) {
                return false;
            }
            sum += p;
        }
        return Math.abs(sum - 1) <= tolerance;
    }
}
