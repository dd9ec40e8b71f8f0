package io.pgqrs.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Browser sessions, in memory: a random id in an HttpOnly, SameSite=Strict cookie, whether it logged in with the
 * token, and its CSRF token, which every form carries and every state-changing POST must return.
 */
final class Sessions {
    static final String COOKIE = "pgqrs_dashboard";
    private static final int MAX_SESSIONS = 1000;

    record Session(String id, String csrf, boolean loggedIn) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    synchronized Session find(String id) {
        return id == null ? null : sessions.get(id);
    }

    synchronized Session create(boolean loggedIn) {
        Session s = new Session(randomToken(), randomToken(), loggedIn);
        sessions.put(s.id(), s);
        return s;
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean same(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    static String cookie(Session s, String basePath) {
        return COOKIE + "=" + s.id() + "; Path=" + (basePath.isEmpty() ? "/" : basePath) + "; HttpOnly; SameSite=Strict";
    }
}
