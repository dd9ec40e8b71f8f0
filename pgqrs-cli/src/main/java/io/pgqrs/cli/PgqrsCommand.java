package io.pgqrs.cli;

import io.pgqrs.Config;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: global options, connection and error reporting for every subcommand. */
@Command(name = "pgqrs", mixinStandardHelpOptions = true, versionProvider = PgqrsCommand.Version.class,
        description = "A durable message queue with pluggable storage (SQLite, PostgreSQL, S3, …).",
        footer = {"", "Example:", "  pgqrs --dsn sqlite:jobs.db demo --messages 10000"},
        subcommands = {DemoCommand.class, CommandLine.HelpCommand.class})
final class PgqrsCommand {
    /** Used when neither --dsn nor PGQRS_DSN is given. */
    static final String DEFAULT_DSN = "sqlite:pgqrs.db";

    @Option(names = {"-d", "--dsn"}, scope = ScopeType.INHERIT,
            description = "Store DSN, e.g. sqlite:jobs.db or postgres://user@host/db (default: $PGQRS_DSN, else " + DEFAULT_DSN + ")")
    String dsn;

    @Option(names = "--log-level", scope = ScopeType.INHERIT, defaultValue = "warn",
            description = "error, warn, info, debug or trace (default: ${DEFAULT-VALUE}); logs go to stderr")
    String logLevel;

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PgqrsCommand());
        cl.setExecutionStrategy(parseResult -> {
            ((PgqrsCommand) parseResult.commandSpec().root().userObject()).configureLogging();
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("pgqrs: " + e.getMessage());
            err.println("Run 'pgqrs --help' for usage.");
            return ExitCodes.ofUsage(e);
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof PgqrsException p) {
                err.println("pgqrs: " + p.getMessage());
                return ExitCodes.of(p);
            }
            err.println("pgqrs: unexpected failure: " + e);
            return ExitCodes.FAILURE;
        });
        return cl;
    }

    /** @return the connection settings: --dsn, else the PGQRS_* environment, else the default DSN */
    Config config() {
        Map<String, String> env = System.getenv();
        if (dsn != null) {
            return Config.fromEnv(withDsn(env, dsn));
        }
        return Config.fromEnv(env.containsKey("PGQRS_DSN") ? env : withDsn(env, DEFAULT_DSN));
    }

    Pgqrs connect() {
        return Pgqrs.connect(config());
    }

    private static Map<String, String> withDsn(Map<String, String> env, String value) {
        var copy = new HashMap<>(env);
        copy.put("PGQRS_DSN", value);
        return copy;
    }

    private void configureLogging() {
        String level = Optional.ofNullable(logLevel).orElse("warn").toLowerCase(Locale.ROOT);
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Optional.ofNullable(PgqrsCommand.class.getPackage().getImplementationVersion()).orElse("development build");
            return new String[] {"pgqrs " + v};
        }
    }
}
