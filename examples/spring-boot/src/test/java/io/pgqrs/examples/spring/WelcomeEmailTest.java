package io.pgqrs.examples.spring;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The whole application: a sign-up enqueues a welcome email, and the listener receives it. */
@SpringBootTest(properties = "pgqrs.dsn=sqlite:target/example-test.db")
class WelcomeEmailTest {
    @Autowired
    Signups signups;

    @Autowired
    WelcomeMailer mailer;

    @Test
    void signUpSendsAWelcomeEmail() {
        String address = "ada-" + UUID.randomUUID() + "@example.com";   // the store file outlives the test run
        signups.signUp(address);
        await().atMost(Duration.ofSeconds(30)).until(() -> mailer.sent().contains(new WelcomeEmail(address)));
    }
}
