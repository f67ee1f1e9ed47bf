/**
 * Rate limits of the REST API: a token bucket per client and route class, shared by every node through
 * the data grid (Bucket4j on Hazelcast), sized by settings of the config server that can change at run time.
 */
package io.mabeam.foundation.ratelimits;
