/**
 * Cluster topology (the seed's ConnectionManager): this node's identity and the members of the Payara data
 * grid (Hazelcast) it belongs to, each with the MABEAM node name it announced.
 */
package io.mabeam.foundation.cluster;
