package io.mabeam.datasets.entity;

/**
 * What a column holds: numbers, two-valued flags, a limited set of categories, or free text (names,
 * identifiers: too many distinct values to be a feature).
 */
public enum ColumnType {
    NUMERIC,
    BOOLEAN,
    CATEGORICAL,
    TEXT
}
