package io.mabeam.foundation.ratelimits.entity;

import java.util.Locale;

/** Requests limited together: those that read and those that change something. */
public enum RouteClass {
    READ,
    WRITE,
    /** Calls the platform makes to a language-model service (not a REST route: the bucket guards the service). */
    LLM;

    public static RouteClass of(String httpMethod) {
        return switch (httpMethod.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD", "OPTIONS" -> READ;
            default -> WRITE;
        };
    }

    /** The config server setting that sizes this class's buckets. */
    public String setting() {
        return "mabeam.ratelimit." + name().toLowerCase(Locale.ROOT) + ".per-minute";
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
