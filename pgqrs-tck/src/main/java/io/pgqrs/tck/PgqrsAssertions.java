package io.pgqrs.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on pgqrs errors, for the kit and for backends' own tests. */
public final class PgqrsAssertions {
    private PgqrsAssertions() {
    }

    /**
     * @param kind the expected kind
     * @param call the call that must fail
     * @return the error, for checks on its fields
     */
    public static PgqrsException assertFails(ErrorKind kind, ThrowingCallable call) {
        PgqrsException e = catchThrowableOfType(PgqrsException.class, call);
        assertThat(e).as("expected a PgqrsException of kind %s", kind).isNotNull();
        assertThat(e.kind()).as("kind of: %s", e.getMessage()).isEqualTo(kind);
        assertThat(e.getMessage()).isNotBlank();
        return e;
    }
}
