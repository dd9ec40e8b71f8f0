package io.pgqrs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CLI's jar run as a separate process against one store: what the CLI tests share.
 *
 * @param dsn the store's DSN, passed as {@code --dsn}
 * @param environment variables the process needs to reach the store
 * @param dir the working directory
 */
record StoreCli(String dsn, Map<String, String> environment, Path dir) {
    private static final ObjectMapper JSON = new ObjectMapper();

    CliProcess.Result run(String... args) throws Exception {
        return runWithInput(null, args);
    }

    CliProcess.Result runWithInput(String stdin, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--dsn", dsn));
        all.addAll(List.of(args));
        return CliProcess.fatJarWith(environment, dir, stdin, all.toArray(String[]::new));
    }

    /** Runs with {@code --format json}, checks the exit code is 0 and parses the output. */
    JsonNode json(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--format", "json"));
        all.addAll(List.of(args));
        CliProcess.Result r = run(all.toArray(String[]::new));
        assertThat(r.exit()).as("%s: %s", List.of(args), r.err()).isZero();
        return JSON.readTree(r.out());
    }
}
