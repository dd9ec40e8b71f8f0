package io.pgqrs.examples.spring;

/** The payload of a message on the welcome queue, stored as JSON ({@code {"to": "..."}}). */
public record WelcomeEmail(String to) {
}
