package io.mabeam.datasets.control;

import io.mabeam.datasets.entity.ColumnSchema;
import io.mabeam.datasets.entity.ColumnType;
import io.mabeam.datasets.entity.DatasetSchema;
import io.mabeam.datasets.entity.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Infers each column's type from its values: numeric when every present value is a finite number, boolean
 * when they are true/false (or yes/no), text when there are more than {@value #MAX_CATEGORIES} distinct values
 * or when almost every row has a value of its own (names, tickets), categorical otherwise.
 */
public final class SchemaInference {

    static final int MAX_CATEGORIES = 100;
    private static final Set<String> BOOLEAN = Set.of("true", "false", "yes", "no");

    private SchemaInference() {}

    public static DatasetSchema infer(Table table) {
        List<ColumnSchema> columns = new ArrayList<>();
        for (int c = 0; c < table.columns().size(); c++) {
            columns.add(column(table, c));
        }
        return new DatasetSchema(columns, table.rowCount());
    }

    private static ColumnSchema column(Table table, int c) {
        int missing = 0;
        boolean numeric = true;
        boolean bool = true;
        TreeSet<String> distinct = new TreeSet<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int present = 0;
        for (int r = 0; r < table.rowCount(); r++) {
            String value = table.cell(r, c);
            if (value == null) {
                missing++;
                continue;
            }
            present++;
            if (distinct.size() <= table.rowCount()) {
                distinct.add(value);
            }
            if (numeric && CsvReader.isNumber(value)) {
                double x = Double.parseDouble(value);
                min = Math.min(min, x);
                max = Math.max(max, x);
                sum += x;
            } else {
                numeric = false;
            }
            bool &= BOOLEAN.contains(value.toLowerCase(Locale.ROOT));
        }
        String name = table.columns().get(c);
        if (present == 0) {
            return new ColumnSchema(name, ColumnType.TEXT, missing, 0, List.of(), null, null, null);
        }
        if (numeric) {
            return new ColumnSchema(
                    name, ColumnType.NUMERIC, missing, distinct.size(), List.of(), min, max, sum / present);
        }
        if (bool && distinct.size() <= 2) {
            return new ColumnSchema(
                    name, ColumnType.BOOLEAN, missing, distinct.size(), List.copyOf(distinct), null, null, null);
        }
        boolean identifierLike = distinct.size() > 20 && distinct.size() > 0.5 * present;
        if (distinct.size() > MAX_CATEGORIES || identifierLike) {
            return new ColumnSchema(name, ColumnType.TEXT, missing, distinct.size(), List.of(), null, null, null);
        }
        return new ColumnSchema(
                name, ColumnType.CATEGORICAL, missing, distinct.size(), List.copyOf(distinct), null, null, null);
    }
}
