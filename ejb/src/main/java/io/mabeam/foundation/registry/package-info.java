/**
 * The process and service registry: named entries with metadata in the data grid, namespaced, owned by
 * the member that registered them and removed (with an event) when it leaves; services declare
 * dependencies and health, and dependents hear when a dependency goes away.
 */
package io.mabeam.foundation.registry;
