/**
 * The Universal Variable System: typed variables (float, int, categorical, fixed), conditional variables
 * active only for given parent values, and search spaces of them — the vocabulary studies optimize over.
 * Plain Java, tested without a container.
 */
package io.mabeam.variables;
