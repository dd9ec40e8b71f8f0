package io.pgqrs.cli;

import io.pgqrs.PgqrsException;
import picocli.CommandLine;

/**
 * The exit codes, mapped from error kinds in one place: 0 ok, 1 failure, 2 configuration or usage error, 3 connection
 * failure, 4 unknown command.
 */
final class ExitCodes {
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int CONFIGURATION = 2;
    static final int CONNECTION = 3;
    static final int UNKNOWN_COMMAND = 4;

    private ExitCodes() {
    }

    static int of(PgqrsException e) {
        return switch (e.kind()) {
            case INVALID_CONFIG, MISSING_CONFIG -> CONFIGURATION;
            case CONNECTION_FAILED, TIMEOUT, POOL_EXHAUSTED -> CONNECTION;
            default -> FAILURE;
        };
    }

    static int ofUsage(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.isUnknownOption()
                && !u.getCommandLine().getSubcommands().isEmpty()) {
            return UNKNOWN_COMMAND;
        }
        return CONFIGURATION;
    }
}
