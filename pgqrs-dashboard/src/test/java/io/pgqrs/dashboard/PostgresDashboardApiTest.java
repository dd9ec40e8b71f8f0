package io.pgqrs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Pgqrs;
import io.pgqrs.testsupport.PostgresServer;
import org.junit.jupiter.api.Test;

class PostgresDashboardApiTest extends DashboardApiVerification {
    private final PostgresServer postgres = PostgresServer.get();
    private String schema;

    @Override
    Pgqrs connect() {
        schema = postgres.newSchema("dashboard");
        return open(postgres.dsn(schema));
    }

    /** A store whose tables vanish while the page is open: the page says so (503), and works again once they are back. */
    @Test
    void aStoreThatGoesAwayIsA503UntilItIsBack() {
        pgqrs.admin().createQueue("gone");
        assertThat(http().get("/queues/gone").status()).isEqualTo(200);
        postgres.execute("DROP SCHEMA " + schema + " CASCADE");
        try {
            Http.Answer page = http().get("/");
            assertThat(page.status()).isEqualTo(503);
            assertThat(page.body()).contains("The store is not answering").doesNotContain("at io.pgqrs");
            assertThat(http().get("/api/health").json().get("error").get("message").asText()).contains("not answering");
        } finally {
            postgres.execute("CREATE SCHEMA " + schema);
            pgqrs.admin().install();
        }
        assertThat(http().get("/").status()).isEqualTo(200);
        assertThat(http().get("/api/health").status()).isEqualTo(200);
    }
}
