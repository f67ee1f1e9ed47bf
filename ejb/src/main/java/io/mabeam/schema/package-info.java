/**
 * The schema engine: Bean Validation constraints for machine-learning values (a probability, a probability
 * vector summing to 1, an embedding of a given dimension with finite values, a tensor of a given shape), used
 * on inference requests and on what models answer, so a broken model cannot hand out impossible numbers.
 */
package io.mabeam.schema;
