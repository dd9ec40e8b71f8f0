package io.pgqrs.examples.spring;

import io.pgqrs.spring.PgqrsListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the welcome emails: the starter runs {@link #send} as a worker of the queue. Returning archives the message;
 * throwing hands it back for a retry, and after the last attempt to the dead letters.
 */
@Component
public class WelcomeMailer {
    private static final Logger LOG = LoggerFactory.getLogger(WelcomeMailer.class);

    private final List<WelcomeEmail> sent = new CopyOnWriteArrayList<>();

    @PgqrsListener(queue = Signups.WELCOME_QUEUE, concurrency = 2)
    void send(WelcomeEmail email) {
        LOG.info("Welcome email to {}", email.to());
        sent.add(email);   // stands in for a mail client
    }

    /** @return the emails sent so far, oldest first */
    public List<WelcomeEmail> sent() {
        return List.copyOf(sent);
    }
}
