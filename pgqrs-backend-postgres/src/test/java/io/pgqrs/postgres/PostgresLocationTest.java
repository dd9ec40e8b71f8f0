package io.pgqrs.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a DSN says where statements and LISTEN go; no server needed. */
class PostgresLocationTest {

    private static PostgresLocation parse(String dsn) {
        return PostgresLocation.parse(Config.fromDsn(dsn));
    }

    /** Without a pooler, LISTEN uses the DSN's own server. */
    @Test
    void directDsnListensOnItsOwnServer() {
        PostgresLocation direct = parse("postgres://u:p@db:5433/jobs?sslmode=require");
        assertThat(direct.transactionPooling()).isFalse();
        assertThat(direct.listenLocation()).contains(direct);
    }

    /** Through a transaction pooler, LISTEN goes to listen_host with the DSN's database, user and TLS, and no pooler. */
    @Test
    void listenHostIsTheServerItself() {
        PostgresLocation pooled = parse("postgres://u:p@bouncer:6432/jobs?pooler=transaction&listen_host=db&sslmode=require");
        assertThat(pooled.transactionPooling()).isTrue();
        assertThat(pooled.describe()).contains("bouncer:6432").contains("through a transaction pooler");
        PostgresLocation direct = pooled.listenLocation().orElseThrow();
        assertThat(direct.host()).isEqualTo("db");
        assertThat(direct.port()).isEqualTo(5432);
        assertThat(direct.database()).isEqualTo("jobs");
        assertThat(direct.user()).isEqualTo("u");
        assertThat(direct.password()).isEqualTo("p");
        assertThat(direct.transactionPooling()).isFalse();
        assertThat(direct.options()).isEqualTo(Map.of("sslmode", "require"));
        assertThat(parse("postgres://u@bouncer:6432/jobs?pooler=transaction&listen_host=db&listen_port=5499")
                .listenLocation().orElseThrow().port()).isEqualTo(5499);
    }

    /** Through a transaction pooler without listen_host, LISTEN is off. */
    @Test
    void transactionPoolerWithoutListenHostDoesNotListen() {
        assertThat(parse("postgres://u@bouncer:6432/jobs?pooler=transaction").listenLocation()).isEmpty();
        assertThat(parse("postgres://u@db/jobs?pooler=none").listenLocation()).isPresent();
    }
}
