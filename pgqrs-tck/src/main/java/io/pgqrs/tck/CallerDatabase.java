package io.pgqrs.tck;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Connections of the application's own to a store's database, as its code would open them outside pgqrs: the kit
 * enqueues and settles on them inside transactions of its own, and wraps them in a HikariCP pool too.
 */
public interface CallerDatabase {

    /** @return unpooled connections to the store's database (and schema, where the database has schemas) */
    DataSource dataSource();

    /** @return unpooled connections to a database that is not the store's: another file, schema or database */
    DataSource otherDataSource();

    /**
     * @return a connection to the store's database that refuses writes; the default marks one of
     *         {@link #dataSource()} read-only, a driver that fixes the mode when it connects overrides it
     * @throws SQLException when the database does not answer
     */
    default Connection openReadOnly() throws SQLException {
        Connection connection = dataSource().getConnection();
        connection.setReadOnly(true);
        return connection;
    }
}
