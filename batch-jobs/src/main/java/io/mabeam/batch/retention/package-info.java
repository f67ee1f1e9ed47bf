/** The nightly job that applies the event store's retention policies. */
package io.mabeam.batch.retention;
