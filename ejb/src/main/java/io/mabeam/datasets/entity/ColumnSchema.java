package io.mabeam.datasets.entity;

import java.util.List;

/**
 * One column as inferred from its values: the type, how many values are missing and distinct, the categories
 * (sorted; for boolean and categorical columns), and for numeric columns the range and mean.
 */
public record ColumnSchema(
        String name,
        ColumnType type,
        int missing,
        int distinct,
        List<String> categories,
        Double min,
        Double max,
        Double mean) {

    public ColumnSchema {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    /** Whether a model can learn from it (text columns are identifiers or prose, not features). */
    public boolean usableAsFeature() {
        return type != ColumnType.TEXT && distinct > 1;
    }
}
