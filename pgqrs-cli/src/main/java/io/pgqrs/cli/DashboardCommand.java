package io.pgqrs.cli;

import io.pgqrs.Pgqrs;
import io.pgqrs.dashboard.Dashboard;
import io.pgqrs.dashboard.DashboardServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Serves the web dashboard of the store until SIGINT or SIGTERM. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Serve the web dashboard (queues, messages, dead letters, workers, workflow runs) and its JSON API "
                + "until interrupted. The token, when set, comes from --token-file or PGQRS_DASHBOARD_TOKEN, never from "
                + "the command line.",
        footer = {"", "Example:", "  PGQRS_DASHBOARD_TOKEN=s3cret pgqrs dashboard --port 8080 --read-only"})
final class DashboardCommand implements Callable<Integer> {
    static final String TOKEN_VARIABLE = "PGQRS_DASHBOARD_TOKEN";

    @ParentCommand
    PgqrsCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 for any free one)")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}); any other address needs a token")
    String bind;

    @Option(names = "--read-only", description = "Refuse every action (purge, replay, worker state changes) with 403")
    boolean readOnly;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the token every request must carry (else " + TOKEN_VARIABLE + ")")
    Path tokenFile;

    @Override
    public Integer call() throws InterruptedException {
        String token = token();
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bind: unknown address '" + bind + "'");
        }
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0 to 65535, got " + port);
        }
        if (!address.isLoopbackAddress() && token == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bind " + bind + " reaches beyond this host: "
                    + "give a token (--token-file FILE or " + TOKEN_VARIABLE + ")");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Pgqrs pgqrs = root.connect();
        Dashboard dashboard = Dashboard.builder(pgqrs).readOnly(readOnly).token(token).build();
        DashboardServer server = DashboardServer.start(dashboard, new InetSocketAddress(address, port));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            dashboard.close();
            pgqrs.close();
            stopped.countDown();
        }, "pgqrs-dashboard-shutdown"));
        spec.commandLine().getOut().printf("Dashboard of %s on http://%s:%d/%s%n", pgqrs.backendName(),
                address.getHostAddress(), server.port(), readOnly ? " (read-only)" : "");
        spec.commandLine().getOut().flush();
        stopped.await();
        return ExitCodes.OK;
    }

    private String token() {
        if (tokenFile == null) {
            String value = System.getenv(TOKEN_VARIABLE);
            return value == null || value.isBlank() ? null : value.strip();
        }
        try {
            String value = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--token-file " + tokenFile + " is empty");
            }
            return value;
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--token-file: cannot read " + tokenFile + ": " + e.getMessage());
        }
    }
}
