package io.pgqrs.internal.validation;

import io.pgqrs.PgqrsException;
import java.nio.charset.StandardCharsets;

/** Which queue and worker names are accepted. Names are always bound as parameters; these rules keep them printable and unambiguous in shells. */
public final class NameRules {
    /** Longest name in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 255;

    private NameRules() {
    }

    /**
     * @param name a queue name
     * @return the name
     * @throws PgqrsException {@code VALIDATION_FAILED} saying what is wrong
     */
    public static String requireQueueName(String name) {
        return require("Queue", name);
    }

    /**
     * @param name a worker name
     * @return the name
     * @throws PgqrsException {@code VALIDATION_FAILED} saying what is wrong
     */
    public static String requireWorkerName(String name) {
        return require("Worker", name);
    }

    private static String require(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw PgqrsException.validationFailed(what + " name is empty: give a name such as 'emails'");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw PgqrsException.validationFailed(what + " name is " + bytes + " bytes long, above the limit of "
                    + MAX_NAME_BYTES + ": use a shorter name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || "'\"`;\\".indexOf(c) >= 0) {
                throw PgqrsException.validationFailed(what + " name '" + name + "' contains " + describe(c)
                        + " at position " + i + ": use letters, digits and punctuation such as '_', '-', '.', ':'");
            }
        }
        return name;
    }

    private static String describe(char c) {
        return Character.isWhitespace(c) ? "whitespace" : Character.isISOControl(c) ? "a control character" : "'" + c + "'";
    }
}
