/**
 * Shared JDBI implementation of the pgqrs store ports for JDBC backends. A backend supplies a
 * {@link io.pgqrs.jdbi.SqlDialect} and a {@link javax.sql.DataSource}; all SQL is written once here.
 */
module io.pgqrs.jdbi {
    requires transitive io.pgqrs;
    requires transitive java.sql;
    requires transitive org.jdbi.v3.core;
    requires org.jdbi.v3.sqlobject;
    requires com.zaxxer.hikari;
    requires org.slf4j;
    requires io.leangen.geantyref;

    exports io.pgqrs.jdbi;

    opens io.pgqrs.jdbi.internal to org.jdbi.v3.core;
}
