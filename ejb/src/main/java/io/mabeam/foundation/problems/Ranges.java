package io.mabeam.foundation.problems;

/** Range checks of values callers give, each refusing what is out of range rather than clamping it. */
public final class Ranges {

    private Ranges() {}

    /**
     * A page size of 1 to {@code max}.
     *
     * @throws DomainException {@link DomainException.Reason#INVALID} for any other value
     */
    public static int limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw DomainException.invalid("limit is 1 to " + max + ", not " + limit);
        }
        return limit;
    }
}
