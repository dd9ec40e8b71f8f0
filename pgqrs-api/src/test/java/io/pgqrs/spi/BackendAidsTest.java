package io.pgqrs.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import org.junit.jupiter.api.Test;

/** What the SPI offers backend authors so that they do not rewrite it: DSN masking and the payload codec. */
class BackendAidsTest {

    @Test
    void masksPasswordsInUserInfoAndQuery() {
        assertThat(DsnMask.mask("mydb://u:s3cret@h:1/db?sslmode=require&password=p4ss"))
                .isEqualTo("mydb://u:***@h:1/db?sslmode=require&password=***");
        assertThat(DsnMask.mask("sqlite:jobs.db")).isEqualTo("sqlite:jobs.db");
        assertThat(DsnMask.mask(null)).isNull();
    }

    @Test
    void payloadRoundTripsCompactly() {
        var tree = PayloadCodec.read("{ \"a\" : [1, 2], \"b\": \"x\" }", 7);
        assertThat(tree.get("a").get(1).asInt()).isEqualTo(2);
        assertThat(PayloadCodec.write(tree)).isEqualTo("{\"a\":[1,2],\"b\":\"x\"}");
    }

    @Test
    void storedTextThatIsNotJsonIsSerializationNamingTheMessage() {
        assertThatThrownBy(() -> PayloadCodec.read("{not json", 42))
                .isInstanceOfSatisfying(PgqrsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.SERIALIZATION);
                    assertThat(e.getMessage()).contains("message 42");
                });
    }

    @Test
    void retryableKindsAreThoseAWaitCanFix() {
        assertThat(java.util.Arrays.stream(ErrorKind.values()).filter(ErrorKind::retryable))
                .containsExactlyInAnyOrder(ErrorKind.TIMEOUT, ErrorKind.CONNECTION_FAILED, ErrorKind.TRANSACTION_FAILED,
                        ErrorKind.POOL_EXHAUSTED, ErrorKind.RATE_LIMITED, ErrorKind.CONFLICT,
                        ErrorKind.STEP_NOT_READY, ErrorKind.PAUSED);
        assertThat(PgqrsException.connectionLost("CLAIM_MESSAGES", "postgres", new java.io.IOException("reset"))
                .retryable()).isTrue();
        assertThat(PgqrsException.validationFailed("no").retryable()).isFalse();
    }
}
