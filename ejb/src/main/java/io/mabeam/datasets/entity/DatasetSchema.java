package io.mabeam.datasets.entity;

import java.util.List;
import java.util.Optional;

/** The inferred schema of a table: its columns in order and its row count. */
public record DatasetSchema(List<ColumnSchema> columns, int rows) {

    public DatasetSchema {
        columns = List.copyOf(columns);
    }

    public Optional<ColumnSchema> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public ColumnSchema require(String name) {
        return column(name)
                .orElseThrow(() -> new IllegalArgumentException("the dataset has no column " + name + " (columns: "
                        + String.join(
                                ", ", columns.stream().map(ColumnSchema::name).toList()) + ")"));
    }
}
