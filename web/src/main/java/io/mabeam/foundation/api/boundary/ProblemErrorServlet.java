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
        String title = ProblemResponses.titleOf(status);
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        if (wantsHtml(request)) {
            response.setContentType("text/html");
            response.getWriter().write(page(status, title, detail, request.getContextPath()));
            return;
        }
        response.setContentType(ProblemResponses.MEDIA_TYPE);
        response.getWriter()
                .write(ProblemResponses.body(status, title, detail, uri).toString());
    }

    /** A browser navigating the console gets a page; API clients (and everyone else) get problem+json. */
    static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        boolean api = uri != null && uri.startsWith(request.getContextPath() + "/api/");
        return !api && accept != null && accept.contains("text/html");
    }

    private static String page(int status, String title, String detail, String contextPath) {
        return """
                <!DOCTYPE html><html><head><meta charset="UTF-8"><title>%d %s · MABEAM</title></head>
                <body style="font-family:system-ui,sans-serif;margin:4rem auto;max-width:36rem">
                <h1 id="error-status">%d %s</h1><p>%s</p><p><a href="%s/console/">Back to the console</a></p>
                </body></html>""".formatted(status, title, status, title, detail == null ? "" : detail, contextPath);
    }
}
