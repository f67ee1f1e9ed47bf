package io.mabeam.economics.entity;

/** One leg of a ledger transaction: an amount (micro-credits) into (positive) or out of (negative) an account. */
public record Posting(String account, long amount) {}
