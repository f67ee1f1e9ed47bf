package io.mabeam.foundation.api.boundary;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's error page (see {@code web.xml}): errors raised outside JAX-RS, such as an unknown path
 * or a refused security constraint, are answered as problem+json like every other error.
 */
@WebServlet("/problem")
public class ProblemErrorServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 404;
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String detail = switch (status) {
            case 404 -> "no resource at this path";
            case 403 -> "this operation needs another role";
            case 401 -> "authentication required";
            case 405 -> "this method is not allowed on this resource";
            default -> status >= 500 ? "an unexpected error occurred" : null;
        };
        response.setStatus(status);
        response.setContentType(ProblemResponses.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write(ProblemResponses.body(status, ProblemResponses.titleOf(status), detail, uri)
                        .toString());
    }
}
