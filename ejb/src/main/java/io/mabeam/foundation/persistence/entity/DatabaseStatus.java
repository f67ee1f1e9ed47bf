package io.mabeam.foundation.persistence.entity;

/** A snapshot of the database as this node sees it: shown on the dashboard and in readiness. */
public record DatabaseStatus(
        boolean reachable, String product, String version, String url, String schemaVersion, String error) {}
