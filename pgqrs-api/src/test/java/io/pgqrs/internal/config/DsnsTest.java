package io.pgqrs.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DsnsTest {
    @Test
    void schemes() {
        assertThat(Dsns.scheme("sqlite:jobs.db")).isEqualTo("sqlite");
        assertThat(Dsns.scheme("PostgreSQL://h/db")).isEqualTo("postgresql");
        assertThat(Dsns.scheme("s3://bucket/key.sqlite")).isEqualTo("s3");
        assertThat(Dsns.scheme("jobs.db")).isNull();
        assertThat(Dsns.scheme("1x:y")).isNull();
    }

    @Test
    void masksPasswords() {
        assertThat(Dsns.mask("postgres://u:p4ss@h:5432/db")).isEqualTo("postgres://u:***@h:5432/db");
        assertThat(Dsns.mask("postgres://h/db?user=u&password=p4ss&sslmode=require"))
                .isEqualTo("postgres://h/db?user=u&password=***&sslmode=require");
        assertThat(Dsns.mask("sqlite:jobs.db")).isEqualTo("sqlite:jobs.db");
    }
}
