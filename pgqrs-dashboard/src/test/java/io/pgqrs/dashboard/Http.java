package io.pgqrs.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test client of a running dashboard: real HTTP, a cookie of its own and, once asked, the session's CSRF token. It
 * sends an {@code Origin} as a browser does; the JDK allows that with {@code -Dsun.net.http.allowRestrictedHeaders=true}
 * (in the POM: the property is read once, when the JDK's connection class loads).
 */
final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, String body, Map<String, List<String>> headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> name.equalsIgnoreCase(e.getKey())).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    private final String base;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String cookie;
    private String csrf;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    Http header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    /** @param form url-encoded fields; the CSRF token is added when this client has one */
    Answer post(String path, String form) {
        return send("POST", path, csrf == null ? form : (form.isEmpty() ? "" : form + "&") + "csrf=" + csrf);
    }

    /** Opens a session and keeps its CSRF token for the next POSTs. */
    Http withSession() {
        csrf = get("/api/session").json().get("csrf_token").asText();
        return this;
    }

    Http withoutCsrf() {
        csrf = null;
        return this;
    }

    private Answer send(String method, String path, String form) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
            c.setInstanceFollowRedirects(false);
            c.setConnectTimeout(5000);
            c.setReadTimeout(30000);
            c.setRequestMethod(method);
            headers.forEach(c::setRequestProperty);
            if (cookie != null) {
                c.setRequestProperty("Cookie", cookie);
            }
            if (form != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(form.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = c.getResponseCode();
            String body;
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String setCookie = c.getHeaderField("Set-Cookie");
            if (setCookie != null) {
                cookie = setCookie.substring(0, setCookie.indexOf(';'));
            }
            return new Answer(status, body, c.getHeaderFields());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
