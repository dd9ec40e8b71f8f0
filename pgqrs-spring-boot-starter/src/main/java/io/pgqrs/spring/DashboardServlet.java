package io.pgqrs.spring;

import io.pgqrs.dashboard.Dashboard;
import io.pgqrs.dashboard.DashboardRequest;
import io.pgqrs.dashboard.DashboardResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Serves a {@link Dashboard} from the application's servlet container: the servlet's mapping ({@code /pgqrs/*}) is the
 * dashboard's base path, the rest of the request path is the dashboard's path. The dashboard does its own token,
 * CSRF and Origin checks.
 */
final class DashboardServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String FORM = "application/x-www-form-urlencoded";

    private final transient Dashboard dashboard;

    DashboardServlet(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        DashboardResponse answer;
        try {
            answer = dashboard.handle(request(request));
        } catch (IllegalArgumentException e) {   // a malformed %-escape in the query
            response.sendError(400, "Malformed request: " + e.getMessage());
            return;
        }
        response.setStatus(answer.status());
        answer.headers().forEach(response::addHeader);
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.body().length > 0 && !request.getMethod().equals("HEAD")) {
            response.setContentLength(answer.body().length);
            try (OutputStream out = response.getOutputStream()) {
                out.write(answer.body());
            }
        }
    }

    private static DashboardRequest request(HttpServletRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
        }
        Map<String, List<String>> query = DashboardRequest.decode(request.getQueryString());
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        return new DashboardRequest(request.getMethod(), request.getContextPath() + request.getServletPath(), path, query,
                form(request, query), headers);
    }

    /**
     * The form fields of a url-encoded body. They are read through the container's parameters rather than the body,
     * which a filter before this servlet (a CSRF filter looking for its token) may have read already: the servlet
     * specification puts a name's query values before its body values, so what follows the query's are the form's.
     */
    private static Map<String, List<String>> form(HttpServletRequest request, Map<String, List<String>> query) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
            return Map.of();
        }
        Map<String, List<String>> form = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            int inQuery = query.getOrDefault(name, List.of()).size();
            if (values.length > inQuery) {
                form.put(name, List.of(values).subList(inQuery, values.length));
            }
        });
        return form;
    }
}
