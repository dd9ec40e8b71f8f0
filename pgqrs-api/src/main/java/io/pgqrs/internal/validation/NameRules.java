package io.pgqrs.internal.validation;

import io.pgqrs.PgqrsException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Which queue and worker names are accepted. Names are always bound as parameters; these rules keep them printable
 * and unambiguous in shells and listings: a name is 1 to {@value #MAX_NAME_BYTES} bytes in UTF-8 and holds no
 * whitespace, no control, format or separator character of any kind (no-break space, zero-width space,
 * right-to-left override …), no lone surrogate, and none of {@code ' " ` ; \}.
 */
public final class NameRules {
    /** Longest name in UTF-8 bytes: 255 ASCII characters, fewer in other scripts. */
    public static final int MAX_NAME_BYTES = 255;
    private static final String QUOTING = "'\"`;\\";

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

    /**
     * @param name a workflow step or sleep name
     * @return the name
     * @throws PgqrsException {@code VALIDATION_FAILED} saying what is wrong
     */
    public static String requireStepName(String name) {
        return require("Step", name);
    }

    /**
     * @param name a schedule name
     * @return the name
     * @throws PgqrsException {@code VALIDATION_FAILED} saying what is wrong
     */
    public static String requireScheduleName(String name) {
        return require("Schedule", name);
    }

    private static String require(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw PgqrsException.validationFailed(what + " name is empty: give a name such as 'emails'");
        }
        for (int i = 0; i < name.length(); i += Character.charCount(name.codePointAt(i))) {
            String problem = problem(name.codePointAt(i));
            if (problem != null) {
                throw PgqrsException.validationFailed(what + " name '" + printable(name) + "' contains " + problem
                        + " at position " + i + ": use letters, digits and punctuation such as '_', '-', '.', ':'");
            }
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw PgqrsException.validationFailed(what + " name is " + bytes + " bytes long in UTF-8, above the limit of "
                    + MAX_NAME_BYTES + " bytes: use a shorter name");
        }
        return name;
    }

    /** @return what is wrong with this code point in a name, or null when it is allowed */
    private static String problem(int cp) {
        if (QUOTING.indexOf(cp) >= 0) {
            return "'" + Character.toString(cp) + "'";
        }
        String kind = invisible(cp);
        return kind == null ? null : kind + " (" + codePoint(cp) + ")";
    }

    /** @return the kind of character a terminal would not show as itself, or null for a visible one */
    private static String invisible(int cp) {
        return switch (Character.getType(cp)) {
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "whitespace";
            case Character.CONTROL -> "a control character";
            case Character.FORMAT -> "an invisible format character";
            case Character.SURROGATE -> "a lone surrogate";
            default -> Character.isWhitespace(cp) ? "whitespace" : null;
        };
    }

    /** The name with every invisible character written as U+XXXX, so the message shows where it is. */
    private static String printable(String name) {
        StringBuilder sb = new StringBuilder();
        name.codePoints().forEach(cp -> sb.append(invisible(cp) == null ? Character.toString(cp) : codePoint(cp)));
        return sb.toString();
    }

    private static String codePoint(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }
}
