package io.mabeam.training.entity;

/** A study's training setup as attached (resolved against its dataset) and the hash of the data it names. */
public record StudyTraining(String study, TrainingSetup setup, String datasetSha256) {}
