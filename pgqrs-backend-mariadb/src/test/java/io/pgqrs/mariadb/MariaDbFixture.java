package io.pgqrs.mariadb;

import io.pgqrs.Config;
import io.pgqrs.tck.CallerDatabase;
import io.pgqrs.tck.StoreFixture;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/** A new database on the test server for every test, dropped afterwards. */
final class MariaDbFixture implements StoreFixture {
    private String dsn;

    @Override
    public Config.Builder freshStore() {
        dsn = MariaDbTestServer.newDatabase();
        return Config.builder(dsn).maxConnections(8);
    }

    /** The application's connections, with the driver's defaults; the other database is the server DSN's own. */
    @Override
    public Optional<CallerDatabase> callerDatabase(Config store) {
        return Optional.of(new CallerDatabase() {
            @Override
            public DataSource dataSource() {
                return databaseSource(store.dsn());
            }

            @Override
            public DataSource otherDataSource() {
                return databaseSource(MariaDbTestServer.serverDsn());
            }
        });
    }

    private static DataSource databaseSource(String dsn) {
        MariaDbLocation location = MariaDbLocation.parse(dsn);
        try {
            MariaDbDataSource ds = new MariaDbDataSource("jdbc:mariadb://" + location.host() + ":" + location.port() + "/"
                    + location.database());
            ds.setUser(location.user());
            if (location.password() != null) {
                ds.setPassword(location.password());
            }
            return ds;
        } catch (SQLException e) {
            throw new IllegalStateException("Bad MariaDB test URL " + location.masked(), e);
        }
    }

    @Override
    public void cleanUp() {
        MariaDbTestServer.dropDatabase(dsn);
    }
}
