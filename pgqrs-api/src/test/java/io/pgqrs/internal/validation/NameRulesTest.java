package io.pgqrs.internal.validation;

import static io.pgqrs.Failures.fails;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names are printable and unambiguous, and their limit is counted in UTF-8 bytes. */
class NameRulesTest {

    /** Whitespace, control and format characters of every kind are refused and shown as U+XXXX. */
    @ParameterizedTest
    @ValueSource(strings = {"q\u00a0x", "q\u200b", "q\u202e", "q\u2028", "q\u2029", "q\u3000", "q\u0085", "q\u001f",
            "q\u007f", "q\ufeff", "q\u2060", "q\u180e", "q\t", "q \u0020", "\ud800q"})
    void invisibleCharactersAreRefused(String name) {
        PgqrsException e = refused(name);
        assertThat(e.getMessage()).containsPattern("U\\+[0-9A-F]{4}").doesNotContain(name);
    }

    /** Quoting characters are refused by name. */
    @ParameterizedTest
    @ValueSource(strings = {"a'b", "a\"b", "a`b", "a;b", "a\\b"})
    void quotingCharactersAreRefused(String name) {
        refused(name);
    }

    /** Letters of any script, digits and ordinary punctuation pass. */
    @ParameterizedTest
    @ValueSource(strings = {"emails", "jobs.v2:high-prio_1", "очередь", "キュー", "q\ud83d\ude00"})
    void printableNamesPass(String name) {
        assertThat(NameRules.requireQueueName(name)).isEqualTo(name);
        assertThat(NameRules.requireWorkerName(name)).isEqualTo(name);
    }

    /** The limit is 255 bytes in UTF-8: 255 ASCII characters pass, 128 two-byte characters (256 bytes) do not. */
    @Test
    void limitIsCountedInUtf8Bytes() {
        assertThat(NameRules.requireQueueName("a".repeat(255))).hasSize(255);
        assertThat(refused("a".repeat(256)).getMessage()).contains("256 bytes").contains("255 bytes");
        assertThat(NameRules.requireQueueName("é".repeat(127) + "a")).hasSize(128);
        assertThat(refused("é".repeat(128)).getMessage()).contains("256 bytes");
    }

    /** Empty and null names are refused. */
    @Test
    void emptyNamesAreRefused() {
        refused("");
        refused(null);
    }

    private static PgqrsException refused(String name) {
        return fails(ErrorKind.VALIDATION_FAILED, () -> NameRules.requireQueueName(name));
    }
}
