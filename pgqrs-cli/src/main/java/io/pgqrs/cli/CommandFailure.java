package io.pgqrs.cli;

/**
 * A message's command that could not start or exited with a non-zero code. Its text is all a recorded failure keeps:
 * no Java class name and no stack trace, which would say nothing about the command.
 */
final class CommandFailure extends Exception {
    private static final long serialVersionUID = 1L;

    CommandFailure(String message) {
        super(message, null, false, false);
    }

    /**
     * @param exit the command's exit code
     * @param stderrTail the end of what it wrote to stderr, possibly empty
     * @return "command exited with N: …"
     */
    static CommandFailure exited(int exit, String stderrTail) {
        String tail = stderrTail.strip();
        return new CommandFailure("command exited with " + exit + (tail.isEmpty() ? "" : ": " + tail));
    }

    /** The failure's text as a recorded failure shows it: the message alone. */
    @Override
    public String toString() {
        return getMessage();
    }
}
