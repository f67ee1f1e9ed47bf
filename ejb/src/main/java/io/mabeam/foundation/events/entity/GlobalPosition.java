package io.mabeam.foundation.events.entity;

import java.util.Comparator;

/**
 * A place in the whole log, in the order readers see it: by the appending transaction, then by the
 * event's sequence number. Readers only see transactions older than every one still in flight, so an
 * event committed later never lands before a position already read (gap-free for readers). Written as
 * {@code <transaction>.<sequence>}; {@link #START} is before everything.
 */
public record GlobalPosition(long transaction, long sequence) implements Comparable<GlobalPosition> {

    public static final GlobalPosition START = new GlobalPosition(0, 0);
    private static final Comparator<GlobalPosition> ORDER =
            Comparator.comparingLong(GlobalPosition::transaction).thenComparingLong(GlobalPosition::sequence);

    public GlobalPosition {
        if (transaction < 0 || sequence < 0) {
            throw new IllegalArgumentException("a global position is not negative");
        }
    }

    public static GlobalPosition parse(String text) {
        int dot = text == null ? -1 : text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("a global position reads <transaction>.<sequence>, not " + text);
        }
        try {
            return new GlobalPosition(Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a global position reads <transaction>.<sequence>, not " + text);
        }
    }

    @Override
    public int compareTo(GlobalPosition other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return transaction + "." + sequence;
    }
}
