package io.pgqrs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/** The built CLI, started as real JVMs: the demo, both launch paths, exit codes and two processes on one file. */
class PgqrsCliIT {
    @TempDir
    Path dir;

    private String dsn(String file) {
        return "sqlite:" + dir.resolve(file);
    }

    /** The demo drains what it enqueued and says so by counting. */
    @Test
    void demoCountsEveryMessage() throws Exception {
        var r = CliProcess.fatJar("--dsn", dsn("demo.db"), "demo", "--messages", "3000");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("messages=3000").contains("lost=0 duplicates=0").containsPattern("msgs/s=\\d+");
        var again = CliProcess.fatJar("--dsn", dsn("demo.db"), "demo", "--messages", "200", "--consumers", "2");
        assertThat(again.out()).as("a second run purges the queue first").contains("messages=200").contains("lost=0 duplicates=0");
        var json = CliProcess.fatJar("--dsn", dsn("demo.db"), "--format", "json", "demo", "--messages", "300");
        assertThat(json.out()).contains("\"messages\" : 300").contains("\"lost\" : 0").contains("\"duplicates\" : 0");
    }

    /** The provider is found through {@code provides} on the module path. */
    @Test
    void modulePathFindsProvider() throws Exception {
        var r = CliProcess.modulePath("--dsn", dsn("mp.db"), "demo", "--messages", "300");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("backend=sqlite").contains("lost=0 duplicates=0");
    }

    /** The CLI names no backend module: it reaches every store through the DSN and the SPI only. */
    @Test
    void cliRequiresNoBackendModule() {
        ModuleDescriptor cli = ModuleFinder.of(CliProcess.THIN_JAR).find("io.pgqrs.cli").orElseThrow().descriptor();
        assertThat(cli.requires()).extracting(ModuleDescriptor.Requires::name)
                .contains("io.pgqrs").doesNotContain("io.pgqrs.s3", "io.pgqrs.sqlite", "io.pgqrs.postgres", "io.pgqrs.jdbi");
    }

    /**
     * The build leaves a class-data sharing archive that the JVM maps for this very jar: with {@code -Xshare:on} the
     * JVM refuses to start when the archive is missing, stale or made for another jar.
     */
    @Test
    void startUpArchiveFitsTheJar() throws Exception {
        var r = CliProcess.run(List.of("-XX:SharedArchiveFile=" + CliProcess.ARCHIVE, "-Xshare:on", "-jar",
                CliProcess.FAT_JAR.toString()), "--version");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).startsWith("pgqrs ");
    }

    /**
     * {@code -DskipTests} skips these integration tests too (failsafe 3.6 no longer does by itself): the parent pom
     * sets {@code skipITs} from {@code skipTests}, which is false unless set, so plain {@code mvn verify} runs them.
     */
    @Test
    void skipTestsAlsoSkipsIntegrationTests() throws Exception {
        Path rootPom = CliProcess.FAT_JAR.toAbsolutePath().getParent().getParent().getParent().resolve("pom.xml");
        Element properties = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(rootPom.toFile())
                .getDocumentElement().getElementsByTagName("properties").item(0);
        assertThat(properties.getElementsByTagName("skipITs").item(0).getTextContent()).isEqualTo("${skipTests}");
        assertThat(properties.getElementsByTagName("skipTests").item(0).getTextContent()).isEqualTo("false");
    }

    /** The provider is found through {@code META-INF/services} on the class path. */
    @Test
    void classPathFindsProvider() throws Exception {
        var r = CliProcess.classPath("--dsn", dsn("cp.db"), "demo", "--messages", "300");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("backend=sqlite").contains("lost=0 duplicates=0");
    }

    /** An unknown scheme is a configuration error (exit 2) listing the schemes found. */
    @Test
    void unknownSchemeExits2() throws Exception {
        var r = CliProcess.fatJar("--dsn", "pgfoo://x", "demo");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Unsupported DSN format").contains("pgfoo").contains("[postgres, postgresql, s3, sqlite]");
        assertThat(r.out()).isEmpty();
    }

    /** Two providers for one scheme fail naming both classes, instead of picking one. */
    @Test
    void duplicateSchemeNamesBothProviders() throws Exception {
        Path services = Path.of(PgqrsCliIT.class.getResource("/duplicate-provider").toURI());
        var r = CliProcess.run(List.of("-cp", CliProcess.FAT_JAR + File.pathSeparator + CliProcess.TEST_CLASSES
                + File.pathSeparator + services, "io.pgqrs.cli.Main"), "--dsn", dsn("dup.db"), "demo");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("io.pgqrs.sqlite.SqliteStoreProvider").contains("io.pgqrs.cli.DuplicateSqliteProvider");
    }

    /** Exit codes: unknown command 4, usage error 2, help and version 0. */
    @Test
    void exitCodes() throws Exception {
        assertThat(CliProcess.fatJar("frobnicate").exit()).isEqualTo(4);
        var usage = CliProcess.fatJar("demo", "--messages", "many");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("--messages");
        var help = CliProcess.fatJar("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("demo");
        var version = CliProcess.fatJar("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).contains("pgqrs");
        var missingDir = CliProcess.fatJar("--dsn", "sqlite:" + dir.resolve("no/such/dir/x.db"), "demo");
        assertThat(missingDir.exit()).isEqualTo(3);
        assertThat(missingDir.err()).contains("does not exist");
    }

    /**
     * A command line gets picocli's model of the commands it names only; help asked for anywhere on it still lists
     * every command, and a word that names no command is still an unknown command.
     */
    @Test
    void helpListsEveryCommandWhateverElseTheLineNames() throws Exception {
        for (List<String> args : List.of(List.of("--help", "queue"), List.of("-h", "queue", "list"))) {
            var help = CliProcess.fatJar(args.toArray(String[]::new));
            assertThat(help.exit()).as(help.err()).isZero();
            assertThat(help.out()).as("%s", args).contains("admin", "worker", "message", "demo", "completion");
        }
        for (List<String> args : List.of(List.of("queue", "--help", "list"), List.of("queue", "-hV", "list"))) {
            assertThat(CliProcess.fatJar(args.toArray(String[]::new)).out()).as("%s", args)
                    .contains("create", "archive-dlq", "metrics", "delete");
        }
        var unknown = CliProcess.fatJar("--dsn", dsn("unknown.db"), "queue", "frobnicate", "list");
        assertThat(unknown.exit()).isEqualTo(4);
        assertThat(unknown.err().strip()).startsWith("pgqrs: Unmatched argument at index 3: 'frobnicate'").doesNotContain("\n");
    }

    /** Two JVMs drain one SQLite file: every message archived once, by one of them, and no error reaches them. */
    @Test
    void twoProcessesShareOneFile() throws Exception {
        TwoDrainers.drainAndCount(dsn("shared.db"), 20_000, dir);
    }

    /** From the jar: --dsn beats PGQRS_DSN beats the config file beats the default; ./pgqrs.yaml is found. */
    @Test
    void configurationPrecedence() throws Exception {
        Files.writeString(dir.resolve("pgqrs.yaml"), "dsn: sqlite:" + dir.resolve("file.db") + "\n");
        Map<String, String> env = Map.of("PGQRS_DSN", "sqlite:" + dir.resolve("env.db"));
        assertThat(CliProcess.fatJarWith(Map.of(), dir, null, "admin", "install").exit()).isZero();
        assertThat(dir.resolve("file.db")).as("./pgqrs.yaml beats the default").exists();
        assertThat(dir.resolve("pgqrs.db")).doesNotExist();
        assertThat(CliProcess.fatJarWith(env, dir, null, "admin", "install").exit()).isZero();
        assertThat(dir.resolve("env.db")).as("PGQRS_DSN beats the file").exists();
        assertThat(CliProcess.fatJarWith(env, dir, null, "--dsn", "sqlite:" + dir.resolve("flag.db"), "admin", "install").exit()).isZero();
        assertThat(dir.resolve("flag.db")).as("--dsn beats PGQRS_DSN").exists();
        Path other = dir.resolve("other.yaml");
        Files.writeString(other, "dsn: sqlite:" + dir.resolve("explicit.db") + "\n");
        assertThat(CliProcess.fatJarWith(Map.of("PGQRS_CONFIG_FILE", other.toString()), dir, null, "admin", "install").exit()).isZero();
        assertThat(dir.resolve("explicit.db")).as("PGQRS_CONFIG_FILE beats ./pgqrs.yaml").exists();
        Files.writeString(dir.resolve("pgqrs.yaml"), "dsn: sqlite:x.db\nmax_conections: 3\n");
        CliProcess.Result unknownKey = CliProcess.fatJarWith(Map.of(), dir, null, "queue", "list");
        assertThat(unknownKey.exit()).isEqualTo(2);
        assertThat(unknownKey.err()).contains("max_conections");
        CliProcess.Result badEnv = CliProcess.fatJarWith(Map.of("PGQRS_MAX_READ_CT", "lots"), null, null,
                "--dsn", "sqlite:" + dir.resolve("e.db"), "queue", "list");
        assertThat(badEnv.exit()).isEqualTo(2);
        assertThat(badEnv.err()).contains("PGQRS_MAX_READ_CT");
    }

    /** An unreachable server is a connection failure, exit 3, within the connection timeout. */
    @Test
    void unreachableServerExits3() throws Exception {
        CliProcess.Result r = CliProcess.fatJarWith(Map.of("PGQRS_CONNECTION_TIMEOUT", "2"), null, null,
                "--dsn", "postgres://postgres@127.0.0.1:1/test", "queue", "list");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().strip()).startsWith("pgqrs: Connection failed").doesNotContain("\n");
    }

    /** {@code pgqrs completion bash} prints a completion script; other shells are a usage error. */
    @Test
    void completionScript() throws Exception {
        CliProcess.Result r = CliProcess.fatJar("completion", "bash");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("complete -F").contains("queue").contains("worker");
        assertThat(CliProcess.fatJar("completion", "fish").exit()).isEqualTo(2);
    }
}
