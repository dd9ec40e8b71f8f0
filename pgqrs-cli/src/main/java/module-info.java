/** The {@code pgqrs} command-line tool. Backends are found on the module path through {@code uses}. */
module io.pgqrs.cli {
    requires io.pgqrs;
    requires info.picocli;
    requires org.slf4j;
    requires org.slf4j.simple;

    opens io.pgqrs.cli to info.picocli;
}
