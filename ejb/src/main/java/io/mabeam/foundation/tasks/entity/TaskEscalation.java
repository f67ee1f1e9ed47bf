package io.mabeam.foundation.tasks.entity;

/** A CDI event fired when a supervised task is given up, so that somebody hears of it (alerts). */
public record TaskEscalation(TaskState state) {}
