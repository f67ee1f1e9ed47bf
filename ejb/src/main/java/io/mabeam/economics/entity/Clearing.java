package io.mabeam.economics.entity;

import java.util.List;

/**
 * An auction's result: the awards (at most one per bidder) and the units left unsold. {@code unitPrice} is the
 * price of one unit where the rule has one (uniform price), else the winner's payment per unit of a single item,
 * and -1 when nothing was sold.
 */
public record Clearing(List<Award> awards, int unsold, long unitPrice) {

    public Clearing {
        awards = List.copyOf(awards);
    }

    public static Clearing nothingSold(int units) {
        return new Clearing(List.of(), units, -1);
    }

    public long revenue() {
        return awards.stream().mapToLong(Award::payment).sum();
    }

    public int sold() {
        return awards.stream().mapToInt(Award::units).sum();
    }
}
