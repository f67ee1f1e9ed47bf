/**
 * The system of record: the application's data source (embedded H2 file by default, PostgreSQL by
 * configuration) and the Flyway migrations that own its schema and run before anything else uses it.
 */
package io.mabeam.foundation.persistence;
