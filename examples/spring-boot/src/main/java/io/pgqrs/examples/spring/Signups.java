package io.pgqrs.examples.spring;

import io.pgqrs.Pgqrs;
import org.springframework.stereotype.Service;

/** Signs a user up: the welcome email is not sent here but enqueued, and {@link WelcomeMailer} sends it. */
@Service
public class Signups {
    static final String WELCOME_QUEUE = "welcome-emails";

    private final Pgqrs pgqrs;

    public Signups(Pgqrs pgqrs) {
        this.pgqrs = pgqrs;
    }

    public void signUp(String email) {
        // A one-shot enqueue: no producer to keep and close (it writes through the queue's shared producer row).
        Pgqrs.enqueue().message(new WelcomeEmail(email)).to(WELCOME_QUEUE).execute(pgqrs);
    }
}
