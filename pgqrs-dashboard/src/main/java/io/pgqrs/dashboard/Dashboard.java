package io.pgqrs.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pgqrs.ErrorKind;
import io.pgqrs.MessageState;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.ScheduleRecord;
import io.pgqrs.RunStatus;
import io.pgqrs.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard of one {@link Pgqrs} connection: HTML pages and a JSON API under {@code /api}, answered by
 * {@link #handle(DashboardRequest)} whatever server received the request. {@link DashboardServer} serves it with the
 * JDK's HTTP server; another server mounts it under a path by passing that path as the request's base path.
 *
 * <pre>{@code
 * try (Dashboard dashboard = Dashboard.builder(pgqrs).token(System.getenv("PGQRS_DASHBOARD_TOKEN")).build();
 *      DashboardServer server = DashboardServer.start(dashboard, new InetSocketAddress("127.0.0.1", 8080))) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Safety: with a token, every request but the login form and the static assets needs it, as
 * {@code Authorization: Bearer <token>} or the session cookie the login form sets (HttpOnly, SameSite=Strict); the
 * token is never read from a URL. Every action is a POST that must carry the session's CSRF token (unless it carries
 * the bearer token) and, from a browser, an {@code Origin} of this host. Read-only mode answers every action 403.
 * Every value from the store is escaped in the pages. Thread-safe.
 */
public final class Dashboard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pgqrs pgqrs;
    private final boolean readOnly;
    private final String token;
    private final Views views;
    private final Pages pages;
    private final Throughput throughput;
    private final Counts counts;
    private final Sessions sessions = new Sessions();
    private final Sampler sampler;

    private Dashboard(Builder b) {
        this.pgqrs = b.pgqrs;
        this.readOnly = b.readOnly;
        this.token = b.token;
        this.counts = new Counts(pgqrs.admin(), b.clock, b.liveCountsBelow);
        this.views = new Views(pgqrs, counts, b.clock, b.staleAfter);
        this.throughput = new Throughput(b.samples);
        this.pages = new Pages(readOnly);
        this.sampler = new Sampler(counts, throughput, b.sampleInterval);
        sampler.start();
    }

    /**
     * @param pgqrs the connection whose store the dashboard shows; the caller keeps it and closes it after the dashboard
     * @return a builder
     */
    public static Builder builder(Pgqrs pgqrs) {
        return new Builder(pgqrs);
    }

    /** @return true when actions are refused */
    public boolean readOnly() {
        return readOnly;
    }

    /**
     * Waits until the background sampler has counted every queue once. On a large store the pages show the sampler's
     * counts; until its first sample a page counts on its own, so a caller timing pages (a benchmark) or checking which
     * counts a page shows (a test) waits for it first.
     *
     * @param timeout how long to wait at most
     * @return true once counted; false when the timeout passed first (a store that does not answer)
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitFirstSample(Duration timeout) throws InterruptedException {
        return sampler.awaitFirstSample(timeout);
    }

    /**
     * Answers one request. Never throws: a refused request is a 4xx page or JSON error, a store that does not answer
     * a 503 that says so, and anything unexpected a 500 logged at ERROR.
     *
     * @param request the request
     * @return the response
     */
    public DashboardResponse handle(DashboardRequest request) {
        boolean api = request.path().startsWith("/api/");
        try {
            return secured(request, api);
        } catch (HttpError e) {
            return error(request, api, e.status(), e.kind(), e.getMessage());
        } catch (PgqrsException e) {
            return failure(request, api, e);
        } catch (RuntimeException e) {
            LOG.error("Dashboard: {} {} failed", request.method(), request.path(), e);
            return error(request, api, 500, "INTERNAL", "Internal error; see the server's log");
        }
    }

    private DashboardResponse secured(DashboardRequest request, boolean api) {
        String path = request.path();
        if (path.startsWith("/assets/") && request.method().equals("GET")) {
            return asset(path.substring("/assets/".length()));
        }
        if (path.equals("/login")) {
            return login(request);
        }
        boolean bearer = token != null && Sessions.same("Bearer " + token, request.header("authorization"));
        Sessions.Session session = sessions.find(request.cookie(Sessions.COOKIE));
        if (token != null && !bearer && (session == null || !session.loggedIn())) {
            if (api) {
                return error(request, true, 401, "UNAUTHORIZED", "A token is required: send Authorization: Bearer <token>");
            }
            return secure(DashboardResponse.text(401, "text/html; charset=utf-8", pages.login(request, false)));
        }
        String setCookie = null;
        if (session == null && !bearer) {
            session = sessions.create(false);
            setCookie = Sessions.cookie(session, request.basePath());
        }
        DashboardResponse response = request.method().equals("POST") ? action(request, api, bearer, session)
                : read(request, api, session);
        return setCookie == null ? response : response.withHeader("Set-Cookie", setCookie);
    }

    private DashboardResponse login(DashboardRequest request) {
        if (token == null) {
            return DashboardResponse.redirect(request.basePath() + "/");
        }
        if (!request.method().equals("POST")) {
            return secure(DashboardResponse.text(200, "text/html; charset=utf-8", pages.login(request, false)));
        }
        checkOrigin(request);
        if (!Sessions.same(token, request.param("token"))) {
            LOG.warn("Dashboard: a login with a wrong token was refused");
            return secure(DashboardResponse.text(401, "text/html; charset=utf-8", pages.login(request, true)));
        }
        Sessions.Session session = sessions.create(true);
        return DashboardResponse.redirect(request.basePath() + "/").withHeader("Set-Cookie", Sessions.cookie(session, request.basePath()));
    }

    private DashboardResponse read(DashboardRequest request, boolean api, Sessions.Session session) {
        String[] p = segments(request.path());
        if (api) {
            return json(200, apiRead(request, p, session));
        }
        String csrf = session == null ? "" : session.csrf();
        String html = switch (p.length) {
            case 0 -> pages.overview(request, views.queues(), throughput.points());
            case 1 -> switch (p[0]) {
                case "workers" -> pages.workers(request, views.workers(), csrf);
                case "workflows" -> pages.workflows(request, views.workflows());
                case "schedules" -> pages.schedules(request, views.schedules(), csrf);
                default -> throw HttpError.notFound("Page /" + p[0]);
            };
            case 2 -> switch (p[0]) {
                case "queues" -> pages.queue(request, views.queue(p[1]), throughput.points(p[1]), state(request),
                        views.messages(p[1], state(request), cursor(request), Views.PAGE), csrf);
                case "messages" -> {
                    Map<String, Object> message = views.message(id(p[1]));
                    yield pages.message(request, message, views.queueOf(message));
                }
                case "workflows" -> pages.runs(request, p[1], status(request), views.runs(p[1], status(request), Views.PAGE));
                case "runs" -> pages.run(request, views.run(id(p[1])));
                default -> throw HttpError.notFound("Page /" + p[0]);
            };
            case 3 -> {
                if (p[0].equals("queues") && p[2].equals("dead")) {
                    yield pages.deadLetters(request, views.queue(p[1]), views.deadLetters(p[1], cursor(request), Views.PAGE), csrf);
                }
                throw HttpError.notFound("Page " + request.path());
            }
            default -> throw HttpError.notFound("Page " + request.path());
        };
        return secure(DashboardResponse.text(200, "text/html; charset=utf-8", html));
    }

    private Object apiRead(DashboardRequest request, String[] p, Sessions.Session session) {
        String route = String.join("/", List.of(p).subList(1, p.length));
        if (route.equals("queues")) {
            return data(views.queues());
        } else if (route.equals("health")) {
            pgqrs.admin().listQueues();
            return data(Map.of("store", "UP", "backend", pgqrs.backendName()));
        } else if (route.equals("throughput")) {
            String queue = request.param("queue");
            if (queue != null) {
                views.queue(queue);
            }
            return data(throughput.points(queue));
        } else if (route.equals("session")) {
            return Map.of("csrf_token", session == null ? "" : session.csrf(), "read_only", readOnly);
        } else if (route.equals("workers")) {
            return data(views.workers());
        } else if (route.equals("workflows")) {
            return data(views.workflows());
        } else if (route.equals("schedules")) {
            return data(views.schedules());
        } else if (p.length == 3 && p[1].equals("queues")) {
            return data(views.queue(p[2]));
        } else if (p.length == 4 && p[1].equals("queues") && p[3].equals("messages")) {
            return page(views.messages(p[2], state(request), cursor(request), limit(request)));
        } else if (p.length == 4 && p[1].equals("queues") && p[3].equals("dead-letters")) {
            return page(views.deadLetters(p[2], cursor(request), limit(request)));
        } else if (p.length == 3 && p[1].equals("messages")) {
            return data(views.message(id(p[2])));
        } else if (p.length == 4 && p[1].equals("workflows") && p[3].equals("runs")) {
            return data(views.runs(p[2], status(request), limit(request)));
        } else if (p.length == 3 && p[1].equals("runs")) {
            return data(views.run(id(p[2])));
        }
        throw HttpError.notFound("API path " + request.path());
    }

    private DashboardResponse action(DashboardRequest request, boolean api, boolean bearer, Sessions.Session session) {
        checkOrigin(request);
        if (!bearer) {
            String given = request.param("csrf") != null ? request.param("csrf") : request.header("x-csrf-token");
            if (session == null || !Sessions.same(session.csrf(), given)) {
                throw HttpError.forbidden("The form has expired or came from another site (CSRF token missing or wrong); "
                        + "reload the page and try again");
            }
        }
        if (readOnly) {
            throw HttpError.forbidden("The dashboard is read-only: actions are turned off (--read-only)");
        }
        String[] all = segments(request.path());
        String[] p = api ? List.of(all).subList(1, all.length).toArray(String[]::new) : all;
        Map<String, Object> result;
        String back;
        if (p.length == 3 && p[0].equals("queues") && p[2].equals("purge")) {
            if (!api && !p[1].equals(request.param("confirm"))) {
                throw HttpError.badRequest("Purge of queue '" + p[1] + "' not confirmed: type the queue's name to confirm");
            }
            pgqrs.admin().purgeQueue(p[1]);
            counts.invalidate();
            LOG.info("Dashboard: queue '{}' purged", p[1]);
            result = Map.of("queue", p[1], "purged", true);
            back = "/queues/" + encode(p[1]);
        } else if (p.length == 3 && p[0].equals("queues") && p[2].equals("replay")) {
            views.queue(p[1]);
            List<String> ids = request.param("one") != null ? List.of(request.param("one")) : request.params("id");
            List<Long> replayed = new ArrayList<>();
            for (String id : ids) {
                pgqrs.admin().replayDeadLetter(id(id)).ifPresent(m -> replayed.add(m.id()));
            }
            counts.invalidate();
            result = Map.of("queue", p[1], "replayed", replayed);
            back = "/queues/" + encode(p[1]) + "/dead";
        } else if (p.length == 3 && p[0].equals("messages") && p[2].equals("replay")) {
            long id = id(p[1]);
            result = Rows.message(pgqrs.admin().replayDeadLetter(id)
                    .orElseThrow(() -> HttpError.notFound("Dead letter " + id)));
            counts.invalidate();
            back = "/messages/" + id;
        } else if (p.length == 3 && p[0].equals("workers")) {
            Worker worker = pgqrs.admin().worker(id(p[1]));
            switch (p[2]) {
                case "suspend" -> worker.suspend();
                case "resume" -> worker.resume();
                case "shutdown" -> worker.shutdown();
                default -> throw HttpError.notFound("Action " + p[2]);
            }
            result = new LinkedHashMap<>();
            result.put("worker_id", worker.id());
            result.put("status", worker.status());
            back = "/workers";
        } else if (p.length == 3 && p[0].equals("schedules")) {
            ScheduleRecord schedule = switch (p[2]) {
                case "pause" -> pgqrs.schedules().pause(p[1]);
                case "resume" -> pgqrs.schedules().resume(p[1]);
                default -> throw HttpError.notFound("Action " + p[2]);
            };
            result = Rows.schedule(schedule, views.queueNames().get(schedule.queueId()));
            back = "/schedules";
        } else {
            throw HttpError.notFound("Action " + request.path());
        }
        return api ? json(200, data(result)) : DashboardResponse.redirect(request.basePath() + back);
    }

    /** A browser's POST must come from a page of this host: its Origin (when sent) names the Host it was sent to. */
    private static void checkOrigin(DashboardRequest request) {
        String origin = request.header("origin");
        if ("cross-site".equals(request.header("sec-fetch-site"))) {
            throw HttpError.forbidden("Cross-site request refused");
        }
        if (origin == null) {
            return;
        }
        String host = request.header("host");
        String authority;
        try {
            authority = URI.create(origin).getRawAuthority();
        } catch (IllegalArgumentException e) {
            authority = null;
        }
        if (host == null || !host.equalsIgnoreCase(authority)) {
            throw HttpError.forbidden("Request from origin " + origin + " refused: actions are accepted only from the dashboard's own pages");
        }
    }

    private DashboardResponse failure(DashboardRequest request, boolean api, PgqrsException e) {
        ErrorKind kind = e.kind();
        int status = switch (kind) {
            case QUEUE_NOT_FOUND, MESSAGE_NOT_FOUND, NOT_FOUND, WORKER_NOT_FOUND, WORKFLOW_NOT_FOUND -> 404;
            case VALIDATION_FAILED, INVALID_STATE_TRANSITION, WORKER_HAS_PENDING_MESSAGES, INVALID_WORKER_TYPE -> 409;
            case CONNECTION_FAILED, POOL_EXHAUSTED, TIMEOUT, TRANSACTION_FAILED, DATABASE, QUERY_FAILED,
                 SCHEMA_VALIDATION, INVALID_CONNECTION -> 503;
            default -> 500;
        };
        if (status == 503) {
            LOG.warn("Dashboard: the store did not answer {} {}: {}", request.method(), request.path(), e.getMessage());
            return error(request, api, 503, kind.name(), "The store is not answering: " + e.getMessage());
        }
        if (status == 500) {
            LOG.error("Dashboard: {} {} failed", request.method(), request.path(), e);
        }
        return error(request, api, status, kind.name(), e.getMessage());
    }

    private DashboardResponse error(DashboardRequest request, boolean api, int status, String kind, String message) {
        if (api) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.putObject("error").put("kind", kind).put("message", message);
            return json(status, body);
        }
        return secure(DashboardResponse.text(status, "text/html; charset=utf-8", pages.error(request, status, message)));
    }

    private static Map<String, Object> data(Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        return body;
    }

    private static Map<String, Object> page(Views.Page page) {
        Map<String, Object> body = data(page.rows());
        body.put("next_cursor", page.nextCursor());
        return body;
    }

    @SuppressWarnings("unchecked")
    private static DashboardResponse json(int status, Object body) {
        try {
            Object node = body instanceof Map<?, ?> m ? Rows.json((Map<String, ?>) m) : body;
            return secure(new DashboardResponse(status, "application/json", Map.of(), JSON.writeValueAsBytes(node)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static DashboardResponse secure(DashboardResponse r) {
        return r.withHeader("Cache-Control", "no-store")
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Referrer-Policy", "same-origin")   // no-referrer would make a browser send "Origin: null"
                .withHeader("X-Frame-Options", "DENY")
                .withHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                        + "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'");
    }

    private static DashboardResponse asset(String name) {
        String type = switch (name) {
            case "dashboard.css" -> "text/css; charset=utf-8";
            case "dashboard.js" -> "text/javascript; charset=utf-8";
            default -> throw HttpError.notFound("Asset " + name);
        };
        try (InputStream in = Dashboard.class.getResourceAsStream("assets/" + name)) {
            Objects.requireNonNull(in, "asset " + name + " missing from the jar");
            return new DashboardResponse(200, type, Map.of("Cache-Control", "max-age=3600", "X-Content-Type-Options", "nosniff"),
                    in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] segments(String path) {
        return path.equals("/") ? new String[0] : path.substring(1).split("/", -1);
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw HttpError.notFound("Id '" + text + "'");
        }
    }

    private static MessageState state(DashboardRequest request) {
        String s = request.param("state");
        try {
            return s == null ? MessageState.PENDING : MessageState.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Unknown state '" + s + "': one of pending, locked, archived, dead");
        }
    }

    private static RunStatus status(DashboardRequest request) {
        String s = request.param("status");
        try {
            return s == null || s.isEmpty() ? null : RunStatus.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("Unknown run status '" + s + "'");
        }
    }

    private static long cursor(DashboardRequest request) {
        String before = request.param("before");
        try {
            return before == null ? Long.MAX_VALUE : Long.parseLong(before);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("'before' must be a message id, got '" + before + "'");
        }
    }

    private static int limit(DashboardRequest request) {
        String limit = request.param("limit");
        try {
            int n = limit == null ? Views.PAGE : Integer.parseInt(limit);
            if (n < 1 || n > 1000) {
                throw HttpError.badRequest("'limit' must be 1 to 1000, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("'limit' must be a number, got '" + limit + "'");
        }
    }

    static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Stops the sampler; the connection stays open. */
    @Override
    public void close() {
        sampler.close();
    }

    /** Settings of a {@link Dashboard}. */
    public static final class Builder {
        private final Pgqrs pgqrs;
        private boolean readOnly;
        private String token;
        private Clock clock = Clock.systemUTC();
        private Duration sampleInterval = Duration.ofSeconds(10);
        private int samples = 30;
        private Duration staleAfter = Duration.ofSeconds(60);
        private Duration liveCountsBelow = Duration.ofMillis(100);

        private Builder(Pgqrs pgqrs) {
            this.pgqrs = Objects.requireNonNull(pgqrs, "pgqrs");
        }

        /**
         * @param readOnly refuse every action (403); default false
         * @return this
         */
        public Builder readOnly(boolean readOnly) {
            this.readOnly = readOnly;
            return this;
        }

        /**
         * @param token the token every request must carry, or null or blank for none (default: none; then bind to
         *        loopback only)
         * @return this
         */
        public Builder token(String token) {
            this.token = token == null || token.isBlank() ? null : token.strip();
            return this;
        }

        /**
         * @param interval time between samples of the counts (and so the throughput chart's resolution), at least 1 s;
         *        default 10 s; a store whose count takes longer than a tenth of this is sampled less often
         * @return this
         */
        public Builder sampleInterval(Duration interval) {
            if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
                throw PgqrsException.validationFailed("the dashboard's sample interval must be at least 1s, got " + interval);
            }
            this.sampleInterval = interval;
            return this;
        }

        /**
         * Counting every queue reads every message: at a million it takes about a second. While one count takes less
         * than this, each page counts again and is exact; beyond it the pages show the sampler's last counts (at most
         * one sample interval old, their time shown) and count again only after an action changed them.
         *
         * @param threshold a count's duration below which pages count per request; default 100 ms; zero always shows
         *        the sampler's counts
         * @return this
         */
        public Builder liveCountsBelow(Duration threshold) {
            Objects.requireNonNull(threshold, "threshold");
            if (threshold.isNegative()) {
                throw PgqrsException.validationFailed("the dashboard's live-count threshold must not be negative, got " + threshold);
            }
            this.liveCountsBelow = threshold;
            return this;
        }

        /**
         * @param staleAfter heartbeat age after which a ready or polling worker is marked stale; default 60 s
         * @return this
         */
        public Builder staleAfter(Duration staleAfter) {
            this.staleAfter = Objects.requireNonNull(staleAfter, "staleAfter");
            return this;
        }

        /**
         * @param clock the clock ages are computed with; default the system's
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the dashboard, its sampler started */
        public Dashboard build() {
            return new Dashboard(this);
        }
    }
}
