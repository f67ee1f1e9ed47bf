/**
 * The optimization engine: studies, trials, samplers and pruners over search spaces of
 * {@link io.mabeam.variables}. Algorithms are plain Java control classes, tested without a container.
 */
package io.mabeam.optimization;
