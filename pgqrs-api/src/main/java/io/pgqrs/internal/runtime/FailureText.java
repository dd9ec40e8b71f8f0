package io.pgqrs.internal.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The text kept for a failed handler run: the exception's stack trace, causes included, cut to a bounded size. */
final class FailureText {
    /** Enough for the exception, its causes and their top frames; a failure row stays small. */
    static final int MAX_CHARS = 8 * 1024;

    private FailureText() {
    }

    static String of(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        String s = text.toString().strip();
        return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS - 1) + "…";
    }
}
