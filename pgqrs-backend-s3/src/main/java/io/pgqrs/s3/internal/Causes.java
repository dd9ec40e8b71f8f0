package io.pgqrs.s3.internal;

/** Hands on what a reflective or asynchronous call threw, as it was thrown. */
final class Causes {
    private Causes() {
    }

    /**
     * @param cause what the call threw
     * @return the exception to throw: {@code cause} itself when unchecked (an {@link Error} is thrown at once),
     *         else wrapped
     */
    static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }
}
