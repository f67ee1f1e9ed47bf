package io.mabeam.foundation.api.boundary;

import java.io.IOException;

/** Raised while reading a request body that exceeds the configured limit; answered with 413. */
public class RequestTooLarge extends IOException {
    public RequestTooLarge(long limit) {
        super("the request body exceeds " + limit + " bytes");
    }
}
