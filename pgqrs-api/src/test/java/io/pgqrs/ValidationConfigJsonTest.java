package io.pgqrs;

import static io.pgqrs.Failures.fails;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON text read by the library must be exactly one value: content after it is refused, not dropped. */
class ValidationConfigJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {"{\"max_object_depth\": 3} trailing", "{\"max_object_depth\": 3}{\"max_string_length\": 9}", "{} 1"})
    void trailingContentIsRefused(String json) {
        PgqrsException e = fails(ErrorKind.INVALID_CONFIG, () -> ValidationConfig.fromJson(json, "PGQRS_VALIDATION_CONFIG"));
        assertThat(e.getMessage()).contains("PGQRS_VALIDATION_CONFIG").contains("not valid JSON");
    }
}
