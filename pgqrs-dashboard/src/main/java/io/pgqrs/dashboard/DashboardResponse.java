package io.pgqrs.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the dashboard answers to a {@link DashboardRequest}; the server adapter writes it as it is.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}, or null for none
 * @param headers further headers (security headers, {@code Set-Cookie}, {@code Location})
 * @param body the body, possibly empty
 */
public record DashboardResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    /**
     * Checks the fields and copies the headers.
     *
     * @param status the HTTP status
     * @param contentType the {@code Content-Type}, or null for none
     * @param headers further headers
     * @param body the body, possibly empty
     */
    public DashboardResponse {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    static DashboardResponse text(int status, String contentType, String body) {
        return new DashboardResponse(status, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    static DashboardResponse redirect(String location) {
        return new DashboardResponse(303, null, Map.of("Location", location), new byte[0]);
    }

    DashboardResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new DashboardResponse(status, contentType, more, body);
    }
}
