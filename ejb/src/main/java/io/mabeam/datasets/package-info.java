/**
 * Datasets: CSV tables uploaded by users or bundled with the platform (iris, penguins, titanic, mpg), checked
 * on the way in (shape, size, encoding, spreadsheet formulas), with an inferred schema, kept in the database
 * under their content hash so a model can name exactly the data it was trained on.
 */
package io.mabeam.datasets;
