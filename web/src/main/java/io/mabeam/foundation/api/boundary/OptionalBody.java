package io.mabeam.foundation.api.boundary;

/** A {@link BoundBody} that may be left out: an empty body reads as the class's defaults, as {@code {}} does. */
public interface OptionalBody extends BoundBody {}
