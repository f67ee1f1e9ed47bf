/**
 * The event store: the system's memory and audit trail. Every component records its state changes as
 * events in an append-only log in the database, each stamped with a vector clock of the writing nodes.
 */
package io.mabeam.foundation.events;
