package io.mabeam.improvement.entity;

/**
 * One change to a study's search space: {@code widen}, {@code narrow}, {@code fix} (a variable that does not
 * matter, fixed at the best trial's value) or {@code add} (a variable the space did not have), with the variable's
 * definition before and after (as text) and why.
 */
public record Edit(String variable, String action, String before, String after, String reason) {}
