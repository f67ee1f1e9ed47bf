package io.mabeam.datasets.entity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A parsed CSV table: the header's column names and the rows' cells as text, {@code null} where a value is
 * missing. Rows are as long as the header.
 */
public final class Table {

    private final List<String> columns;
    private final List<String[]> rows;

    public Table(List<String> columns, List<String[]> rows) {
        this.columns = List.copyOf(columns);
        for (String[] row : rows) {
            if (row.length != this.columns.size()) {
                throw new IllegalArgumentException("a row has " + row.length + " cells, the header " + columns.size());
            }
        }
        this.rows = Collections.unmodifiableList(new ArrayList<>(rows));
    }

    public List<String> columns() {
        return columns;
    }

    public int rowCount() {
        return rows.size();
    }

    /** The cell of a row in a column, null when missing. */
    public String cell(int row, int column) {
        return rows.get(row)[column];
    }

    public int column(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + name + " (columns: " + String.join(", ", columns) + ")");
        }
        return index;
    }
}
