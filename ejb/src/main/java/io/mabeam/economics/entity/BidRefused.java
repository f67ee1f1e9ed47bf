package io.mabeam.economics.entity;

import io.mabeam.foundation.problems.DomainException;

/** An auction's rules refuse a bid: closed, too low, below the reserve, a second sealed bid, a bidder not admitted. */
public class BidRefused extends DomainException {

    private static final long serialVersionUID = 1L;

    public BidRefused(Reason reason, String title, String detail) {
        super(reason, title, detail);
    }
}
