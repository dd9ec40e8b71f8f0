/**
 * The pgqrs compatibility kit: abstract JUnit 5 classes every backend's tests extend.
 */
module io.pgqrs.tck {
    requires transitive io.pgqrs;
    requires transitive java.sql;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires transitive org.assertj.core;
    requires com.zaxxer.hikari;
    requires org.slf4j;

    exports io.pgqrs.tck;

    opens io.pgqrs.tck to org.junit.platform.commons;
}
