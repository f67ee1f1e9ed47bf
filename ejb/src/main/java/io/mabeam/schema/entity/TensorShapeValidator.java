package io.mabeam.schema.entity;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link TensorShape}: nested arrays or lists, not ragged, of the shape given, with finite numbers. */
public class TensorShapeValidator implements ConstraintValidator<TensorShape, Object> {

    private int[] expected;

    @Override
    public void initialize(TensorShape constraint) {
        expected = constraint.value();
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        int[] shape = Numbers.shape(value);
        if (Numbers.matches(shape, expected)) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(
                        shape == null
                                ? "must be a tensor of finite numbers (nested lists of equal length)"
                                : "must have shape " + describe(expected) + ", not " + describe(shape))
                .addConstraintViolation();
        return false;
    }

    static String describe(int[] shape) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            text.append(i > 0 ? ", " : "").append(shape[i] < 0 ? "*" : String.valueOf(shape[i]));
        }
        return text.append(']').toString();
    }
}
