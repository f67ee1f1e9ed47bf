package io.mabeam.foundation.api.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every failure of a REST call becomes a problem; see {@link ProblemMapping}. */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    @Context
    UriInfo uriInfo;

    @Context
    HttpServletRequest request;

    @Inject
    ProblemMapping mapping;

    @Override
    public Response toResponse(Throwable failure) {
        Object limit = request.getAttribute(RequestSizeLimit.EXCEEDED);
        Throwable cause = limit instanceof Long bytes ? new RequestTooLarge(bytes) : failure;
        return mapping.toResponse(cause, uriInfo.getRequestUri().getPath());
    }
}
