package io.mabeam.training.entity;

/** What a network learns: a class out of several, or a number. */
public enum Task {
    CLASSIFICATION,
    REGRESSION
}
