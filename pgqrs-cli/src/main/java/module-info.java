/**
 * The {@code pgqrs} command-line tool. It knows no backend: backends are found on the module path through the API's
 * {@code uses}, and a command brings a store up to date and publishes its writes through the SPI's
 * {@code refresh()} and {@code publish()}.
 */
module io.pgqrs.cli {
    requires io.pgqrs;
    requires io.pgqrs.dashboard;
    requires info.picocli;
    requires org.slf4j;
    requires org.slf4j.simple;

    opens io.pgqrs.cli to info.picocli;
}
