package io.mabeam.improvement.entity;

/**
 * What a study's networks connect: the width of an encoded row, the outputs (classes, or 1 for regression), and
 * how many training rows a batch is drawn from — enough to build the worst case of a proposed space and count its
 * parameters and memory.
 */
public record NetworkShape(int inputs, int outputs, boolean classification, int trainingRows) {}
