package io.pgqrs.postgres;

import io.pgqrs.Config;
import io.pgqrs.PgqrsException;
import io.pgqrs.spi.DsnMask;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code postgres://user:password@host:port/database?sslmode=…&schema=…&application_name=…} DSN
 * (SPEC CFG-11). User and password may be percent-encoded; the database defaults to the user name, as libpq does.
 *
 * @param host host name or address
 * @param port TCP port (default 5432)
 * @param database database name
 * @param user user, or null
 * @param password password, or null
 * @param schema the schema: the DSN's {@code schema} parameter, else the configuration's
 * @param options the other recognised query parameters
 */
record PostgresLocation(String host, int port, String database, String user, String password, String schema,
                        Map<String, String> options) {

    private static final Set<String> KNOWN_OPTIONS = Set.of("sslmode", "sslrootcert", "application_name", "connect_timeout");

    static PostgresLocation parse(Config config) {
        String dsn = config.dsn();
        URI uri;
        try {
            uri = new URI(dsn);
        } catch (URISyntaxException e) {
            throw PgqrsException.invalidConfig("dsn", "cannot parse PostgreSQL DSN '" + DsnMask.mask(dsn) + "': " + e.getReason()
                    + "; expected postgres://user:password@host:5432/database");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw PgqrsException.invalidConfig("dsn", "PostgreSQL DSN '" + DsnMask.mask(dsn)
                    + "' has no host; expected postgres://user:password@host:5432/database");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        String database = path.isEmpty() ? user : decode(path);
        if (database == null) {
            throw PgqrsException.invalidConfig("dsn", "PostgreSQL DSN '" + DsnMask.mask(dsn) + "' names neither a database nor a user");
        }
        Map<String, String> options = new LinkedHashMap<>();
        String schema = config.schema();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String[] kv = pair.split("=", 2);
                String key = decode(kv[0]);
                String value = kv.length > 1 ? decode(kv[1]) : "";
                if (key.equals("schema")) {
                    schema = Config.validateSchema(value);
                } else if (key.equals("connect_timeout") && !value.matches("\\d{1,6}")) {
                    throw PgqrsException.invalidConfig("dsn", "connect_timeout must be a whole number of seconds, got '" + value + "'");
                } else if (KNOWN_OPTIONS.contains(key)) {
                    options.put(key, value);
                } else {
                    throw PgqrsException.invalidConfig("dsn", "unknown PostgreSQL DSN parameter '" + key + "'; supported: schema, "
                            + String.join(", ", KNOWN_OPTIONS.stream().sorted().toList()));
                }
            }
        }
        return new PostgresLocation(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, password,
                Config.validateSchema(schema), Map.copyOf(options));
    }

    /** @return the address for messages: host, port, database, user; never the password */
    String describe() {
        return "postgres://" + (user == null ? "" : user + "@") + host + ":" + port + "/" + database + " (schema " + schema + ")";
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
