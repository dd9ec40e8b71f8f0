package io.pgqrs.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Turns repeated {@code --header NAME=VALUE} options into headers; the library checks names and size afterwards. */
final class HeaderArguments {
    private HeaderArguments() {
    }

    /**
     * @param arguments the option's values, or null when it was not given
     * @param group the command group's model, for the usage error
     * @param subcommand the command's name
     * @return the headers in the order given (a repeated name keeps its last value)
     * @throws CommandLine.ParameterException when a value has no {@code =}
     */
    static Map<String, String> parse(List<String> arguments, CommandLine.Model.CommandSpec group, String subcommand) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (arguments == null) {
            return headers;
        }
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            if (eq < 0) {
                throw UsageErrors.of(group, subcommand, "--header '" + argument + "' has no '=': write it as NAME=VALUE, "
                        + "e.g. --header content-type=application/json");
            }
            headers.put(argument.substring(0, eq), argument.substring(eq + 1));
        }
        return headers;
    }
}
