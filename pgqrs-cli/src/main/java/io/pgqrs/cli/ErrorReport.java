package io.pgqrs.cli;

import io.pgqrs.PgqrsException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Reports a failed command as one line on stderr and picks its exit code: usage errors point to the command's
 * {@code --help}, library errors exit with the code of their kind.
 */
final class ErrorReport implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        e.getCommandLine().getErr().println("pgqrs: " + oneLine(e.getMessage())
                + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName(" ") + " --help')");
        return ExitCodes.ofUsage(e);
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof PgqrsException p) {
            err.println("pgqrs: " + oneLine(p.getMessage()));
            return ExitCodes.of(p);
        }
        if (e instanceof CommandLine.ParameterException pe) {
            err.println("pgqrs: " + oneLine(pe.getMessage()));
            return ExitCodes.CONFIGURATION;
        }
        err.println("pgqrs: unexpected failure: " + e);
        return ExitCodes.FAILURE;
    }

    /** Errors are one line on stderr: drivers' multi-line details are folded into it. */
    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
