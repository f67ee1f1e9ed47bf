package io.mabeam.foundation.api.boundary;

/**
 * A request body bound by {@link OptionalBodyReader}: JSON whatever the request's content type says (as the
 * {@code String} bodies these endpoints took before), bound with {@link JsonBinding}'s rules. An empty body is
 * a 400 problem; a body that may be empty implements {@link OptionalBody}.
 */
public interface BoundBody {}
