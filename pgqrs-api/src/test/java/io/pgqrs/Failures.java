package io.pgqrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The API's own tests cannot use the TCK (it depends on this module), so they share this one assertion. */
public final class Failures {
    private Failures() {
    }

    /**
     * @param kind the expected kind
     * @param call the call that must fail
     * @return the error, for checks on its fields
     */
    public static PgqrsException fails(ErrorKind kind, Runnable call) {
        PgqrsException e = catchThrowableOfType(PgqrsException.class, call::run);
        assertThat(e).as("expected %s", kind).isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
        return e;
    }
}
