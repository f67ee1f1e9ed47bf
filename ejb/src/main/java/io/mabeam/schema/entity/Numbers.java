package io.mabeam.schema.entity;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The numbers a constrained value holds, whatever its Java shape: a number, an array of numbers, a collection
 * of numbers, or a map's values; and the shape of nested arrays and lists. Plain Java, so the checks are
 * tested without a container.
 */
public final class Numbers {

    private Numbers() {}

    /** The value's numbers in order; null when the value is not numbers (a non-number element, for one). */
    public static List<Double> of(Object value) {
        if (value instanceof Number number) {
            return List.of(number.doubleValue());
        }
        Iterable<?> elements;
        if (value instanceof Map<?, ?> map) {
            elements = map.values();
        } else if (value instanceof Collection<?> collection) {
            elements = collection;
        } else if (value != null && value.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
            elements = items;
        } else {
            return null;
        }
        List<Double> numbers = new ArrayList<>();
        for (Object element : elements) {
            if (!(element instanceof Number number)) {
                return null;
            }
            numbers.add(number.doubleValue());
        }
        return numbers;
    }

    /**
     * The shape of nested arrays or lists ({@code [rows, columns]} for a matrix), or null when it is ragged or
     * holds something other than numbers at the innermost level; a number has shape {@code []}.
     */
    public static int[] shape(Object value) {
        if (value instanceof Number number) {
            return Double.isFinite(number.doubleValue()) ? new int[0] : null;
        }
        List<Object> elements = elements(value);
        if (elements == null) {
            return null;
        }
        if (elements.isEmpty()) {
            return new int[] {0};
        }
        int[] inner = shape(elements.get(0));
        if (inner == null) {
            return null;
        }
        for (Object element : elements.subList(1, elements.size())) {
            if (!java.util.Arrays.equals(inner, shape(element))) {
                return null;
            }
        }
        int[] shape = new int[inner.length + 1];
        shape[0] = elements.size();
        System.arraycopy(inner, 0, shape, 1, inner.length);
        return shape;
    }

    private static List<Object> elements(Object value) {
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        if (value != null && value.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(Array.get(value, i));
            }
            return items;
        }
        return null;
    }

    /** Whether a shape matches the expected one, where -1 stands for any size. */
    public static boolean matches(int[] shape, int[] expected) {
        if (shape == null || shape.length != expected.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (expected[i] >= 0 && expected[i] != shape[i]) {
                return false;
            }
        }
        return true;
    }
}
