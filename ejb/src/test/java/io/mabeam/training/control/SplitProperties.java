package io.mabeam.training.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class SplitProperties {

    @Property(tries = 300)
    void partitionsTheRowsTheSameWayForTheSameSeed(
            @ForAll @IntRange(min = 6, max = 400) int n,
            @ForAll @IntRange(min = 1, max = 5) int classes,
            @ForAll @DoubleRange(min = 0.05, max = 0.4) double validation,
            @ForAll @DoubleRange(min = 0, max = 0.4) double test,
            @ForAll long seed) {
        int[] rows = IntStream.range(0, n).map(i -> i * 3).toArray();
        String[] strata =
                IntStream.range(0, n).mapToObj(i -> "c" + (i % classes)).toArray(String[]::new);
        Split split = Split.of(rows, strata, validation, test, seed);
        int[] all = IntStream.concat(
                        IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.validation())),
                        Arrays.stream(split.test()))
                .sorted()
                .toArray();
        assertThat(all).containsExactly(rows);
        assertThat(split.train()).isNotEmpty();
        assertThat(split.validation()).isNotEmpty();
        Split again = Split.of(rows, strata, validation, test, seed);
        assertThat(again.validation()).containsExactly(split.validation());
        assertThat(again.test()).containsExactly(split.test());
    }

    @Property(tries = 100)
    void stratifiesEachClassInTheSameProportion(
            @ForAll @IntRange(min = 30, max = 300) int perClass, @ForAll long seed) {
        int n = perClass * 3;
        int[] rows = IntStream.range(0, n).toArray();
        String[] strata = IntStream.range(0, n).mapToObj(i -> "c" + (i % 3)).toArray(String[]::new);
        Split split = Split.of(rows, strata, 0.2, 0.2, seed);
        for (int c = 0; c < 3; c++) {
            int cls = c;
            long inValidation =
                    Arrays.stream(split.validation()).filter(r -> r % 3 == cls).count();
            assertThat(inValidation).isEqualTo(Math.round(perClass * 0.2));
        }
    }
}
