/**
 * The study optimization job: runs a study to its budget in parallel partitions, each driving a trainer agent
 * trial by trial, with a checkpoint after every trial. Trial accounting lives in the study itself (asks
 * within the budget under the study's lock; a restarted partition first resumes the trials its crashed
 * execution left running), so a restart neither loses a trial nor counts one twice.
 */
package io.mabeam.batch.optimization;
