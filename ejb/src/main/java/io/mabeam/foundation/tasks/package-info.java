/**
 * Supervision of long-running work on managed executors, after Erlang/OTP's supervisors: each task has a
 * restart strategy (permanent, transient, temporary), restarts back off exponentially with jitter, and a
 * task restarted too often within a window is given up and escalated — recorded, shown in health and the
 * console, and restartable by an operator.
 */
package io.mabeam.foundation.tasks;
