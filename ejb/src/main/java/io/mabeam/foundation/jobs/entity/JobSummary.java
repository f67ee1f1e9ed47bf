package io.mabeam.foundation.jobs.entity;

/** A job this platform runs, what it does, and its latest run if any. */
public record JobSummary(String name, String description, JobRun latestRun) {}
