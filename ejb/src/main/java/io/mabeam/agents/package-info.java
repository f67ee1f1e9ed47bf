/**
 * The agent runtime: agents are state + a bounded mailbox + a behaviour with a fixed message protocol, run as
 * short tasks on a shared executor (many agents per thread, never a thread per agent), supervised in trees as
 * in Erlang/OTP (one-for-one, one-for-all, rest-for-one; permanent, transient, temporary; exponential backoff;
 * too many restarts escalate). The runtime itself ({@code control}) is plain Java; the container supplies the
 * managed executors, and the boundary registers agents cluster-wide. How agents perform (throughput, mean time
 * per message, success rate, mailbox depth, restarts) is watched by {@code control.PerformanceMonitor}, which
 * raises an alert when an agent crosses a threshold and clears it when it is back.
 */
package io.mabeam.agents;
