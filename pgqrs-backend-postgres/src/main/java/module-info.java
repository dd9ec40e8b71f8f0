/** The PostgreSQL backend of pgqrs, for DSNs {@code postgres://} and {@code postgresql://}. */
module io.pgqrs.postgres {
    requires io.pgqrs;
    requires io.pgqrs.jdbi;
    requires org.postgresql.jdbc;
    requires org.slf4j;

    provides io.pgqrs.spi.StoreProvider with io.pgqrs.postgres.PostgresStoreProvider;
}
