package io.pgqrs.cli;

import io.pgqrs.Config;
import io.pgqrs.ErrorKind;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: global options (accepted before or after the subcommand), connection, output and error reporting. */
@Command(name = "pgqrs", mixinStandardHelpOptions = true, versionProvider = PgqrsCommand.Version.class, addMethodSubcommands = false,
        description = "A durable message queue with pluggable storage (SQLite, PostgreSQL, …).",
        footer = {"", "Configuration: --dsn/--schema > PGQRS_* variables > config file (--config, PGQRS_CONFIG_FILE or ./pgqrs.yaml) > defaults.",
                "Exit codes: 0 ok, 1 failure, 2 configuration or usage error, 3 connection failure, 4 unknown command.",
                "", "Examples:", "  pgqrs admin install", "  pgqrs --format json queue list", "  pgqrs demo --messages 10000"})
final class PgqrsCommand {
    /** Used when no source gives a DSN. */
    static final String DEFAULT_DSN = "sqlite:pgqrs.db";
    private static final Set<String> LEVELS = Set.of("error", "warn", "info", "debug", "trace");

    @Option(names = {"-d", "--dsn"}, scope = ScopeType.INHERIT,
            description = "Store DSN, e.g. sqlite:jobs.db or postgres://user@host/db (default: PGQRS_DSN, the config file, else " + DEFAULT_DSN + ")")
    String dsn;

    @Option(names = {"-s", "--schema"}, scope = ScopeType.INHERIT, description = "PostgreSQL schema (default: PGQRS_SCHEMA, the config file, else public)")
    String schema;

    @Option(names = {"-c", "--config"}, scope = ScopeType.INHERIT, description = "YAML config file (default: PGQRS_CONFIG_FILE, else ./pgqrs.yaml if present)")
    Path configFile;

    /** What a command prints: a bordered table for people or one JSON document for scripts; lower case, as typed. */
    enum Format { table, json }

    @Option(names = "--format", scope = ScopeType.INHERIT, defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (table for people, json for scripts); default: ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--out", scope = ScopeType.INHERIT, description = "Write output to this file instead of stdout")
    Path out;

    @Option(names = "--log-level", scope = ScopeType.INHERIT, defaultValue = "warn",
            description = "error, warn, info, debug or trace (default: ${DEFAULT-VALUE})")
    String logLevel;

    @Option(names = "--log-dest", scope = ScopeType.INHERIT, defaultValue = "stderr",
            description = "stderr or a file path for logs (default: ${DEFAULT-VALUE}); logs never go to stdout")
    String logDest;

    /**
     * @param args the command line; subcommands are added to the model only when it may need them
     *             ({@link Subcommands#addTo})
     * @return the command, configured (picocli applies settings only to the subcommands added before them)
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new PgqrsCommand());
        Subcommands.addTo(cl, args);
        cl.registerConverter(Duration.class, new DurationConverter());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionStrategy(new LoggingFirst());
        ErrorReport errors = new ErrorReport();
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionExceptionHandler(errors);
        return cl;
    }

    /** @return the merged configuration: flag, then PGQRS_* environment, then config file, then defaults */
    Config config() {
        return Config.load(dsn, schema, configFile, System.getenv(), DEFAULT_DSN);
    }

    /**
     * Connects and brings the store's view up to date ({@link io.pgqrs.spi.Store#refresh()}): a short-lived process
     * must see what other processes published.
     */
    Pgqrs connect() {
        Pgqrs pgqrs = Pgqrs.connect(config());
        try {
            pgqrs.store().refresh();
        } catch (RuntimeException e) {
            pgqrs.close();
            throw e;
        }
        return pgqrs;
    }

    /**
     * Connects, runs the work, writes its result and publishes the store's writes before the process exits
     * ({@link io.pgqrs.spi.Store#publish()}); the connection is closed afterwards.
     *
     * @param spec the running command, for its output writer
     * @param work what to do, writing through the given output
     * @return the exit code
     */
    int run(CommandLine.Model.CommandSpec spec, BiConsumer<Pgqrs, Output> work) {
        try (Pgqrs pgqrs = connect()) {
            return runOn(pgqrs, spec, work);
        }
    }

    /**
     * As {@link #run}, without bringing the store's view up to date first: for {@code admin install}, which must find
     * out whether the store exists rather than rewrite a copy of it.
     */
    int runUnrefreshed(CommandLine.Model.CommandSpec spec, BiConsumer<Pgqrs, Output> work) {
        try (Pgqrs pgqrs = Pgqrs.connect(config())) {
            return runOn(pgqrs, spec, work);
        }
    }

    private int runOn(Pgqrs pgqrs, CommandLine.Model.CommandSpec spec, BiConsumer<Pgqrs, Output> work) {
        try (PrintWriter writer = writer(spec)) {
            work.accept(pgqrs, new Output(writer, jsonOutput()));
            pgqrs.store().publish();
        }
        return ExitCodes.OK;
    }

    /** @return whether the result is printed as JSON */
    boolean jsonOutput() {
        return format == Format.json;
    }

    private PrintWriter writer(CommandLine.Model.CommandSpec spec) {
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            return new PrintWriter(stdout) {
                @Override
                public void close() {
                    flush();
                }
            };
        }
        try {
            return new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw PgqrsException.of(ErrorKind.INTERNAL, "Cannot write output file '" + out + "': " + e.getMessage(), e);
        }
    }

    private void configureLogging(CommandLine commandLine) {
        String level = Optional.ofNullable(logLevel).orElse("warn").toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            commandLine.getErr().println("pgqrs: unknown --log-level '" + logLevel + "', using info");
            level = "info";
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        System.setProperty("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn");
        if ("stderr".equalsIgnoreCase(logDest)) {
            System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        } else {
            Path file = Path.of(logDest);
            try {
                Files.newBufferedWriter(file, StandardCharsets.UTF_8).close();
            } catch (IOException e) {
                throw new CommandLine.ParameterException(commandLine, "cannot open log file '" + logDest + "': " + e.getMessage());
            }
            System.setProperty("org.slf4j.simpleLogger.logFile", file.toAbsolutePath().toString());
        }
    }

    /** Runs the command after setting up logging from the global options. */
    static final class LoggingFirst implements CommandLine.IExecutionStrategy {
        @Override
        public int execute(CommandLine.ParseResult parseResult) {
            ((PgqrsCommand) parseResult.commandSpec().root().userObject()).configureLogging(parseResult.commandSpec().commandLine());
            return new CommandLine.RunLast().execute(parseResult);
        }
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
