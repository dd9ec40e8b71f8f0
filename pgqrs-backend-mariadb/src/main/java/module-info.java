/**
 * A MariaDB backend for pgqrs, for DSNs {@code mariadb://user:password@host:3306/database}. Built the way a third
 * party would build one: on the exported SPI, the shared JDBI statements and the compatibility kit only.
 */
module io.pgqrs.mariadb {
    requires io.pgqrs;
    requires io.pgqrs.jdbi;
    requires java.sql;
    requires org.mariadb.jdbc;

    provides io.pgqrs.spi.StoreProvider with io.pgqrs.mariadb.MariaDbStoreProvider;
}
