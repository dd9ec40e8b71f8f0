/**
 * The pgqrs API and SPI. Backends are found at run time with {@link java.util.ServiceLoader}.
 */
module io.pgqrs {
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires transitive java.sql;
    requires org.slf4j;
    requires com.cronutils;

    exports io.pgqrs;
    exports io.pgqrs.spi;

    uses io.pgqrs.spi.StoreProvider;
}
