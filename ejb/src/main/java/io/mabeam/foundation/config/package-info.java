/**
 * The config server: typed, schema-checked, versioned settings in PostgreSQL, each change an event,
 * cached on every node, seen through MicroProfile Config, with history, diff and rollback.
 */
package io.mabeam.foundation.config;
