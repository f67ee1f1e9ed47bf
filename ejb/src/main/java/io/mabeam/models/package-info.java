/**
 * Models: the networks a study's trials trained, each kept when it beats the study's best so far, stored in the
 * database with their lineage (study, trial, dataset name and hash, parameters, metrics) and the preprocessing
 * that encodes rows for them; downloaded as an archive, and answering inference requests.
 */
package io.mabeam.models;
