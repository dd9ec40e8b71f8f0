package io.pgqrs.internal.validation;

import io.pgqrs.PgqrsException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The rules of message headers, apart from the payload's: names are 1 to 255 printable ASCII characters without
 * spaces, values are strings, and the headers serialized as a compact JSON object take at most
 * {@value #MAX_HEADERS_BYTES} bytes, which do not count toward {@code max_payload_size_bytes}.
 */
public final class HeaderRules {
    /** The largest serialized headers object, in UTF-8 bytes. */
    public static final int MAX_HEADERS_BYTES = 8192;
    private static final int MAX_NAME_LENGTH = 255;

    private HeaderRules() {
    }

    /**
     * @param name a header name
     * @param value its value
     * @throws PgqrsException {@code VALIDATION_FAILED} saying what is wrong with the name or the value
     */
    public static void requireHeader(String name, String value) {
        if (name == null || name.isEmpty()) {
            throw PgqrsException.validationFailed("Header name must not be empty: give every header a name such as "
                    + "'content-type'");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw PgqrsException.validationFailed("Header name '" + name.substring(0, 32) + "…' is " + name.length()
                    + " characters long, above the limit of " + MAX_NAME_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw PgqrsException.validationFailed("Header name '" + name + "' has character U+"
                        + String.format("%04X", (int) c) + " at index " + i + ": header names are printable ASCII "
                        + "without spaces (put other text in the value)");
            }
        }
        if (value == null) {
            throw PgqrsException.validationFailed("Header '" + name + "' has no value: use an empty string, or leave "
                    + "the header out");
        }
    }

    /**
     * @param headers headers whose entries passed {@link #requireHeader}
     * @param serialized their compact JSON text
     * @throws PgqrsException {@code VALIDATION_FAILED} when the text is above {@value #MAX_HEADERS_BYTES} bytes
     */
    public static void requireSize(Map<String, String> headers, String serialized) {
        int bytes = serialized.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_HEADERS_BYTES) {
            throw PgqrsException.validationFailed("Headers take " + bytes + " bytes as JSON (" + headers.size()
                    + " headers), above the limit of " + MAX_HEADERS_BYTES + ": keep headers to small metadata and put "
                    + "data in the payload");
        }
    }
}
