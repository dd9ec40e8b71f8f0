package io.pgqrs.cli;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Adds to the root command the subcommands a command line needs in picocli's model. picocli reads a command's
 * annotations by reflection when it is added, which is most of a short command's start-up; so a command line that
 * names one command that runs on its own ({@code queue}, {@code demo}, …) gets that command only, and one that also
 * names one of its commands ({@code queue list}) gets that one only. Every other command line gets all of them, so
 * that help, completion, {@code help <command>}, unknown commands (exit 4) and a value that is also a command's name
 * behave as with the whole model. The commands of a group are its methods, which the group classes leave to this class
 * ({@code addMethodSubcommands = false}); the root, {@code demo} and {@code completion} say the same because they have
 * no command methods, which picocli would otherwise look for in the annotations of every method they declare.
 */
final class Subcommands {
    /** Every subcommand by name, in the order {@code --help} lists them. */
    private static final Map<String, Class<?>> ALL = all();
    /** Subcommands whose own commands are methods. */
    private static final Set<String> GROUPS = Set.of("admin", "queue", "worker", "message", "workflow", "schedule");
    /** Subcommands that need none of the others: {@code help} and {@code completion} read the whole tree. */
    private static final Set<String> ON_THEIR_OWN = Set.of("admin", "queue", "worker", "message", "workflow", "schedule",
            "demo");
    /** Command lines that ask for the version only; picocli answers them from the root command. */
    private static final Set<List<String>> VERSION = Set.of(List.of("--version"), List.of("-V"));
    /** {@code --help}, or short options that may hold {@code -h} ({@code -hV}); such a line gets everything. */
    private static final Pattern HELP = Pattern.compile("--help|-(?!-).*h.*");

    private Subcommands() {
    }

    private static Map<String, Class<?>> all() {
        Map<String, Class<?>> all = new LinkedHashMap<>();
        all.put("admin", AdminCommand.class);
        all.put("queue", QueueCommand.class);
        all.put("worker", WorkerCommand.class);
        all.put("message", MessageCommand.class);
        all.put("workflow", WorkflowCommand.class);
        all.put("schedule", ScheduleCommand.class);
        all.put("demo", DemoCommand.class);
        all.put("dashboard", DashboardCommand.class);
        all.put("completion", CompletionCommand.class);
        all.put("help", CommandLine.HelpCommand.class);
        return all;
    }

    /**
     * Adds the subcommands this command line needs, before the root command is configured.
     *
     * @param root the root command
     * @param commandLine the command line
     */
    static void addTo(CommandLine root, String[] commandLine) {
        if (VERSION.contains(List.of(commandLine))) {
            return;
        }
        // After "--" come only positional parameters, such as the command of `worker run`: no command names, no help.
        int end = Arrays.asList(commandLine).indexOf("--");
        String[] args = end < 0 ? commandLine : Arrays.copyOf(commandLine, end);
        boolean help = Arrays.stream(args).anyMatch(a -> HELP.matcher(a).matches());
        Optional<String> named = help ? Optional.empty() : onlyOneOf(ALL.keySet(), args).filter(ON_THEIR_OWN::contains);
        if (named.isPresent()) {
            add(root, named.get(), args);
        } else {
            for (String name : ALL.keySet()) {
                add(root, name, new String[0]);
            }
        }
    }

    /**
     * Adds one subcommand; a group gets the one of its commands the command line names, or all of them.
     *
     * @param args the command line, or none to add the whole subcommand
     */
    private static void add(CommandLine root, String name, String[] args) {
        root.addSubcommand(ALL.get(name));
        if (!GROUPS.contains(name)) {
            return;
        }
        CommandLine group = root.getSubcommands().get(name);
        Map<String, Method> commands = commandMethods(ALL.get(name));
        Optional<String> command = onlyOneOf(commands.keySet(), args);
        if (command.isPresent()) {
            group.addSubcommand(new CommandLine(commands.get(command.get())));
        } else {
            group.getCommandSpec().addMethodSubcommands();
        }
    }

    /** @return the name when exactly one of the names occurs in the command line, however often */
    private static Optional<String> onlyOneOf(Set<String> names, String[] args) {
        Set<String> found = Arrays.stream(args).filter(names::contains).collect(Collectors.toSet());
        return found.size() == 1 ? found.stream().findFirst() : Optional.empty();
    }

    /** @return the command methods of a group by command name */
    private static Map<String, Method> commandMethods(Class<?> group) {
        Map<String, Method> methods = new LinkedHashMap<>();
        for (Method m : group.getDeclaredMethods()) {
            Command command = m.getAnnotation(Command.class);
            if (command != null) {
                methods.put(command.name(), m);
            }
        }
        return methods;
    }
}
