package io.mabeam.training.control;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded train/validation/test split of row indices: the same seed gives the same split on every node.
 * Classification splits are stratified (each class is split in the same proportions), so a rare class is not
 * left out of validation by chance.
 */
public record Split(int[] train, int[] validation, int[] test) {

    /**
     * @param rows the rows to split
     * @param strata each row's class, or null for no stratification
     */
    public static Split of(int[] rows, String[] strata, double validationFraction, double testFraction, long seed) {
        Random random = new Random(seed);
        Map<String, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < rows.length; i++) {
            groups.computeIfAbsent(strata == null ? "" : String.valueOf(strata[i]), k -> new ArrayList<>())
                    .add(rows[i]);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> group : groups.values()) {
            java.util.Collections.shuffle(group, random);
            int n = group.size();
            int nTest = (int) Math.round(n * testFraction);
            int nValidation = (int) Math.round(n * validationFraction);
            if (n >= 3 && nValidation == 0) {
                nValidation = 1;
            }
            nTest = Math.min(nTest, Math.max(0, n - nValidation - 1));
            test.addAll(group.subList(0, nTest));
            validation.addAll(group.subList(nTest, nTest + nValidation));
            train.addAll(group.subList(nTest + nValidation, n));
        }
        if (validation.isEmpty() && train.size() > 1) {
            validation.add(train.remove(train.size() - 1)); // classes too small to give one each
        }
        if (train.isEmpty() || validation.isEmpty()) {
            throw new IllegalArgumentException(
                    "too few rows (" + rows.length + ") for a training and a validation set");
        }
        return new Split(sortedArray(train), sortedArray(validation), sortedArray(test));
    }

    private static int[] sortedArray(List<Integer> rows) {
        int[] array = rows.stream().mapToInt(Integer::intValue).toArray();
        Arrays.sort(array);
        return array;
    }
}
