/**
 * What trainers evaluate: objectives behind a small SPI (the reference benchmark functions now; Deeplearning4j
 * models and Python scripts plug in the same way), found by name.
 */
package io.mabeam.training;
