/**
 * Jakarta Batch jobs as the rest of the platform sees them: which jobs exist, starting one (always outside
 * a JTA transaction, or the job repository's tables are rolled back with it) and reading its runs.
 */
package io.mabeam.foundation.jobs;
