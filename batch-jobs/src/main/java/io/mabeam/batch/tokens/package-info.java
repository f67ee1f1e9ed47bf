/** Housekeeping of API tokens: the batchlet that purges old ones and the timer that starts it daily. */
package io.mabeam.batch.tokens;
