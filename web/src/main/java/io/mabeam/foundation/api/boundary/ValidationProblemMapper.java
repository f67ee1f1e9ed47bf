package io.mabeam.foundation.api.boundary;

import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Bean Validation failures as problems. It exists because the JAX-RS implementation brings its own mapper
 * for this exception type, which outranks a mapper of {@code Throwable} and answers with an HTML page.
 */
@Provider
public class ValidationProblemMapper implements ExceptionMapper<ConstraintViolationException> {

    @Context
    UriInfo uriInfo;

    @Inject
    ProblemMapping mapping;

    @Override
    public Response toResponse(ConstraintViolationException failure) {
        return mapping.toResponse(failure, uriInfo.getRequestUri().getPath());
    }
}
