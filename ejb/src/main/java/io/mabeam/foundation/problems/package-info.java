/** Errors that callers can act on, shared by every component and mapped to problem+json at the edge. */
package io.mabeam.foundation.problems;
