package io.pgqrs.dashboard;

/** A request the dashboard refuses, with the status and the sentence to show. */
final class HttpError extends RuntimeException {
    private final int status;
    private final String kind;

    HttpError(int status, String kind, String message) {
        super(message, null, false, false);
        this.status = status;
        this.kind = kind;
    }

    int status() {
        return status;
    }

    String kind() {
        return kind;
    }

    static HttpError notFound(String what) {
        return new HttpError(404, "NOT_FOUND", what + " not found");
    }

    static HttpError badRequest(String reason) {
        return new HttpError(400, "BAD_REQUEST", reason);
    }

    static HttpError forbidden(String reason) {
        return new HttpError(403, "FORBIDDEN", reason);
    }
}
