package io.pgqrs.mariadb;

import io.pgqrs.PgqrsException;
import io.pgqrs.spi.DsnMask;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * Where a {@code mariadb://user:password@host:port/database} DSN points; messages mask the password with the
 * SPI's {@link DsnMask}, as a third-party backend would. The query may carry
 * {@code connectTimeout} and {@code sslMode}; anything else is refused so that a typo is not silently ignored.
 *
 * @param host the host
 * @param port the port (3306 when absent)
 * @param database the database, which must exist
 * @param user the user (root when absent)
 * @param password the password, or null
 * @param query the accepted query options, passed to the driver
 */
record MariaDbLocation(String host, int port, String database, String user, String password, String query) {
    private static final Set<String> OPTIONS = Set.of("connectTimeout", "sslMode");

    static MariaDbLocation parse(String dsn) {
        URI uri;
        try {
            uri = new URI(dsn.trim());
        } catch (URISyntaxException e) {
            throw PgqrsException.invalidConfig("dsn", "MariaDB DSN is not a URL (" + e.getReason()
                    + "); expected mariadb://user:password@host:3306/database");
        }
        String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (uri.getHost() == null || database.isEmpty() || database.contains("/")) {
            throw PgqrsException.invalidConfig("dsn", "MariaDB DSN " + DsnMask.mask(dsn.trim()) + " needs a host and one database: "
                    + "mariadb://user:password@host:3306/database");
        }
        String user = "root";
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        for (String option : query.split("&")) {
            String name = option.split("=", 2)[0];
            if (!name.isEmpty() && !OPTIONS.contains(name)) {
                throw PgqrsException.invalidConfig("dsn", "MariaDB DSN " + DsnMask.mask(dsn.trim()) + ": unknown option '" + name
                        + "'; known: " + OPTIONS);
            }
        }
        return new MariaDbLocation(uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort(), database, user, password, query);
    }

    /**
     * @param connectTimeout how long to wait for the server
     * @return the driver URL, without credentials; transactions read committed rows (fewer gap locks than the
     *         default REPEATABLE READ, as the claim needs)
     */
    String jdbcUrl(Duration connectTimeout) {
        String options = query.contains("connectTimeout=") ? query
                : "connectTimeout=" + connectTimeout.toMillis() + (query.isEmpty() ? "" : "&" + query);
        return "jdbc:mariadb://" + host + ":" + port + "/" + database + "?" + options
                + "&sessionVariables=tx_isolation='READ-COMMITTED',time_zone='+00:00'";
    }

    /** @return the DSN without its password, for messages */
    String masked() {
        return "mariadb://" + user + "@" + host + ":" + port + "/" + database;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
