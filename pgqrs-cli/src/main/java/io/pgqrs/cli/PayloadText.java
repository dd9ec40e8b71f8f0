package io.pgqrs.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Turns a payload given on the command line or on stdin into exactly one JSON value, or refuses it with a reason:
 * text that is not UTF-8 (naming the byte offset), empty text, malformed JSON and content after the value.
 * Refusals are {@link IllegalArgumentException}s whose message the command reports as a usage error.
 */
final class PayloadText {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char REPLACEMENT = '\uFFFD';

    private PayloadText() {
    }

    /**
     * Reads a command's JSON argument, or stdin when the argument is absent or {@code -}; a refusal is that command's
     * usage error (exit 2).
     *
     * @param argument the argument, or null
     * @param group the command group's model
     * @param subcommand the name of the command that reads it
     * @return the JSON value
     */
    static JsonNode argumentOrStdin(String argument, CommandLine.Model.CommandSpec group, String subcommand) {
        try {
            return argument == null || argument.equals("-") ? fromStream(System.in) : fromArgument(argument);
        } catch (IllegalArgumentException e) {
            throw UsageErrors.of(group, subcommand, e.getMessage());
        } catch (IOException e) {
            throw UsageErrors.of(group, subcommand, "cannot read the payload from stdin: " + e.getMessage());
        }
    }

    /**
     * Reads a payload argument. The JVM has already decoded it with {@code sun.jnu.encoding}, replacing bytes that
     * are not valid in it by U+FFFD, so a U+FFFD here means the shell passed bytes that are not UTF-8 (or the
     * locale is not UTF-8); it is refused rather than stored.
     *
     * @param argument the argument as the JVM decoded it
     * @return the JSON value
     */
    static JsonNode fromArgument(String argument) {
        int bad = argument.indexOf(REPLACEMENT);
        if (bad >= 0) {
            int offset = argument.substring(0, bad).getBytes(StandardCharsets.UTF_8).length;
            throw new IllegalArgumentException("payload argument is not valid UTF-8 at byte offset " + offset
                    + " (decoded with " + System.getProperty("sun.jnu.encoding") + "): pass it on stdin with '-'");
        }
        return parse(argument);
    }

    /**
     * Reads a payload from a stream, decoding it as strict UTF-8.
     *
     * @param in the stream, read to its end
     * @return the JSON value
     * @throws IOException when the stream cannot be read
     */
    static JsonNode fromStream(InputStream in) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes());
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(bytes.remaining());
        CoderResult result = decoder.decode(bytes, chars, true);
        if (result.isError()) {
            throw new IllegalArgumentException("payload on stdin is not valid UTF-8 at byte offset " + bytes.position()
                    + ": send UTF-8 text");
        }
        decoder.flush(chars);
        return parse(chars.flip().toString());
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("payload is empty: give one JSON value, e.g. '{}' or '\"text\"'");
        }
        try (JsonParser parser = JSON.createParser(text)) {
            JsonNode value = JSON.readTree(parser);
            long end = parser.currentLocation().getCharOffset();
            if (hasMore(parser)) {
                throw new IllegalArgumentException("payload has content after its JSON value, at character " + end
                        + ": give exactly one value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean hasMore(JsonParser parser) {
        try {
            return parser.nextToken() != null;
        } catch (IOException e) {
            return true;
        }
    }
}
