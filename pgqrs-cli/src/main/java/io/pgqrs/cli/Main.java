package io.pgqrs.cli;

/** Starts the {@code pgqrs} command. The only class that may end the JVM. */
public final class Main {
    private Main() {
    }

    /** @param args command-line arguments */
    public static void main(String[] args) {
        System.exit(PgqrsCommand.commandLine(args).execute(args));
    }
}
