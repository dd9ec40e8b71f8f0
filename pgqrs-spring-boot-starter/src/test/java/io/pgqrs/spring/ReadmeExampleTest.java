package io.pgqrs.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Pgqrs;
import io.pgqrs.tck.TestEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.stereotype.Component;

/** The listener of README's "Spring Boot" section, compiled and run as written there. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    // README: begin
    record Email(String to, String subject) {
    }

    @Component
    static class Mailer {
        final List<Email> sent = new CopyOnWriteArrayList<>();

        @PgqrsListener(queue = "emails", concurrency = 4)
        void send(Email email) {
            sent.add(email);   // returning archives the message; throwing retries it, then dead-letters it
        }
    }
    // README: end

    @Test
    void listenerOfTheReadmeReceivesAnEmail() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PgqrsAutoConfiguration.class))
                .withPropertyValues("pgqrs.dsn=sqlite://" + dir.resolve("app.db"),
                        "pgqrs.install-on-startup=true", "pgqrs.create-queues=true")
                .withBean(Mailer.class)
                .run(context -> {
                    context.getBean(Pgqrs.class).producer("emails").enqueue(new Email("a@b.c", "Hello"));
                    Mailer mailer = context.getBean(Mailer.class);
                    TestEnvironment.awaitTrue("the email sent", Duration.ofSeconds(10), () -> !mailer.sent.isEmpty());
                    assertThat(mailer.sent).containsExactly(new Email("a@b.c", "Hello"));
                });
    }
}
