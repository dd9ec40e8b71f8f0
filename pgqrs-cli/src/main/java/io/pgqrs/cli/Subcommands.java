package io.pgqrs.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * The subcommands of {@code pgqrs}, and which of them a command line needs in picocli's model. picocli reads a
 * subcommand's annotations by reflection when it is added, which is most of a short command's start-up; a command line
 * that names one command that runs on its own gets that subcommand only. Every other command line gets all of them,
 * so that help, completion, {@code help <command>}, unknown commands (exit 4) and a value that is also a command's
 * name behave as with the whole model.
 */
final class Subcommands {
    /** Every subcommand by name, in the order {@code --help} lists them. */
    private static final Map<String, Class<?>> ALL = all();
    /** Subcommands that need none of the others: {@code help} and {@code completion} read the whole tree. */
    private static final Set<String> ON_THEIR_OWN = Set.of("admin", "queue", "worker", "message", "demo");
    /** Command lines that ask for the version only; picocli answers them from the root command. */
    private static final Set<List<String>> VERSION = Set.of(List.of("--version"), List.of("-V"));

    private Subcommands() {
    }

    private static Map<String, Class<?>> all() {
        Map<String, Class<?>> all = new LinkedHashMap<>();
        all.put("admin", AdminCommand.class);
        all.put("queue", QueueCommand.class);
        all.put("worker", WorkerCommand.class);
        all.put("message", MessageCommand.class);
        all.put("demo", DemoCommand.class);
        all.put("completion", CompletionCommand.class);
        all.put("help", CommandLine.HelpCommand.class);
        return all;
    }

    /**
     * @param args the command line
     * @return the subcommands to add to the root command for this command line, in the order help lists them
     */
    static List<Class<?>> neededBy(String[] args) {
        if (VERSION.contains(List.of(args))) {
            return List.of();
        }
        Set<String> named = Arrays.stream(args).filter(ALL::containsKey).collect(Collectors.toSet());
        if (named.size() == 1 && ON_THEIR_OWN.containsAll(named)) {
            return List.of(ALL.get(named.iterator().next()));
        }
        return List.copyOf(ALL.values());
    }
}
