package io.pgqrs.cli;

import io.pgqrs.PgqrsException;
import picocli.CommandLine;

/** Usage errors (exit 2) raised while a command runs, pointing to that command's {@code --help}. */
final class UsageErrors {
    private UsageErrors() {
    }

    /**
     * Runs a check the library makes before anything is registered or stored; a refusal is a usage error, since
     * nothing was tried.
     *
     * @param group a command group's model
     * @param subcommand the name of the command whose input is checked
     * @param check the library's check
     */
    static void refuseAsUsage(CommandLine.Model.CommandSpec group, String subcommand, Runnable check) {
        try {
            check.run();
        } catch (PgqrsException e) {
            throw of(group, subcommand, e.getMessage());
        }
    }

    /**
     * @param group a command group's model
     * @param subcommand the name of one of its commands
     * @param message what is wrong
     * @return the usage error of that command
     */
    static CommandLine.ParameterException of(CommandLine.Model.CommandSpec group, String subcommand, String message) {
        return new CommandLine.ParameterException(group.commandLine().getSubcommands().get(subcommand), message);
    }
}
