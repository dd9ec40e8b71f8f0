package io.pgqrs.postgres;

import java.net.URI;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Plain pgjdbc data sources for a {@code postgres://} DSN, as an application outside pgqrs would open them. */
final class PostgresDataSources {
    private PostgresDataSources() {
    }

    /**
     * @param dsn a {@code postgres://user[:password]@host[:port]/database} DSN (its query is ignored)
     * @param schema the schema to put first on the search path, or null for the server's
     * @param pooled whether a transaction pooler is in between (no server-side prepared statements then)
     * @return the data source
     */
    static DataSource of(String dsn, String schema, boolean pooled) {
        URI uri = URI.create(dsn);
        String[] user = uri.getUserInfo() == null ? new String[] {"postgres"} : uri.getUserInfo().split(":", 2);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {uri.getHost()});
        ds.setPortNumbers(new int[] {uri.getPort() < 0 ? 5432 : uri.getPort()});
        ds.setDatabaseName(uri.getPath().substring(1));
        ds.setUser(user[0]);
        ds.setPassword(user.length > 1 ? user[1] : null);
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        if (pooled) {
            ds.setPrepareThreshold(0);
        }
        return ds;
    }
}
