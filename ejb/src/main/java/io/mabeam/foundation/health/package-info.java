/**
 * Health of the Foundation: a probe per component, and a monitor that aggregates them into healthy,
 * degraded or unhealthy and records each change of this node's status as an event.
 */
package io.mabeam.foundation.health;
