/**
 * How agents perform: per-agent throughput, mean time per message, success rate, mailbox depth and restarts
 * from periodic snapshots, and alerts raised when an agent crosses a threshold and cleared when it is back.
 */
package io.mabeam.monitoring;
