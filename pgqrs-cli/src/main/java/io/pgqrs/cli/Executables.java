package io.pgqrs.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** Finds a program as the operating system would start it: a path as given, a bare name on {@code PATH}. */
final class Executables {
    private Executables() {
    }

    /**
     * @param program a program name ({@code sh}) or path ({@code ./handle.sh}, {@code /usr/bin/env})
     * @return where it is, if an executable file is there
     */
    static Optional<Path> find(String program) {
        if (program.contains(File.separator)) {
            Path path = Path.of(program);
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(searchPath.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program))
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
    }
}
