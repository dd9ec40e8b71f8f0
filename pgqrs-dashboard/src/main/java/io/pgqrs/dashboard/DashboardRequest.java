package io.pgqrs.dashboard;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the dashboard sees it, independent of the server that received it, so that any server can
 * mount the dashboard: {@link DashboardServer} builds it from the JDK's HTTP server, another adapter from a servlet.
 *
 * @param method the HTTP method, upper case
 * @param basePath where the dashboard is mounted, without a trailing slash: {@code ""} at the root, e.g.
 *        {@code "/pgqrs"} under an application
 * @param path the path below {@code basePath}, starting with {@code /}, percent-decoded
 * @param query the query parameters, decoded; a name may repeat
 * @param form the fields of an {@code application/x-www-form-urlencoded} body, decoded; empty for other bodies
 * @param headers the request headers by lower-case name (the first value of each)
 */
public record DashboardRequest(String method, String basePath, String path, Map<String, List<String>> query,
                               Map<String, List<String>> form, Map<String, String> headers) {

    /**
     * Checks the fields and copies the maps.
     *
     * @param method the HTTP method, any case
     * @param basePath where the dashboard is mounted
     * @param path the path below {@code basePath}
     * @param query the query parameters
     * @param form the form fields
     * @param headers the request headers by lower-case name
     */
    public DashboardRequest {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        basePath = Objects.requireNonNull(basePath, "basePath");
        path = Objects.requireNonNull(path, "path").isEmpty() ? "/" : path;
        query = Map.copyOf(query);
        form = Map.copyOf(form);
        headers = Map.copyOf(headers);
    }

    /**
     * Decodes a query string or an {@code application/x-www-form-urlencoded} body, for a server adapter.
     *
     * @param encoded {@code a=1&b=2&a=3} (a {@code +} is a space), or null
     * @return the decoded values by name, in the order given
     * @throws IllegalArgumentException for a malformed {@code %} escape: answer 400
     */
    public static Map<String, List<String>> decode(String encoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return values;
    }

    /**
     * @param name a parameter
     * @return its first value in the form, else in the query, or null
     */
    public String param(String name) {
        List<String> values = params(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * @param name a parameter
     * @return its values in the form, else in the query; empty when absent
     */
    public List<String> params(String name) {
        List<String> values = form.get(name);
        return values != null ? values : query.getOrDefault(name, List.of());
    }

    /**
     * @param name a header name, any case
     * @return its value, or null
     */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * @param name a cookie
     * @return its value in the {@code Cookie} header, or null
     */
    public String cookie(String name) {
        String cookies = header("cookie");
        if (cookies == null) {
            return null;
        }
        for (String pair : cookies.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
                return pair.substring(eq + 1).strip();
            }
        }
        return null;
    }
}
