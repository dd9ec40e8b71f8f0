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
import java.util.Optional;
import java.util.Set;

/**
 * A parsed {@code postgres://user:password@host:port/database?sslmode=…&schema=…&application_name=…} DSN. User and
 * password may be percent-encoded; the database defaults to the user name, as libpq does. Unknown parameters are
 * refused, so a misspelt option is never ignored.
 *
 * <p>Behind a connection pooler in transaction mode (PgBouncer's {@code pool_mode = transaction}), {@code
 * pooler=transaction} says so: consecutive transactions of one client may run on different server connections,
 * so nothing that lives in a session can be relied on. {@code listen_host} (and {@code listen_port}, default 5432)
 * name the server itself, reached directly, for the one thing that needs a session: {@code LISTEN}.
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

    private static final Set<String> KNOWN_OPTIONS = Set.of("sslmode", "sslrootcert", "application_name", "connect_timeout",
            "pooler", "listen_host", "listen_port");
    /** The options that say how the server is reached; a direct connection for LISTEN drops them. */
    private static final Set<String> ROUTING_OPTIONS = Set.of("pooler", "listen_host", "listen_port");
    private static final Set<String> POOLERS = Set.of("none", "transaction");

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
                } else if (key.equals("listen_port") && !value.matches("\\d{1,5}")) {
                    throw PgqrsException.invalidConfig("dsn", "listen_port must be a TCP port number, got '" + value + "'");
                } else if (key.equals("pooler") && !POOLERS.contains(value)) {
                    throw PgqrsException.invalidConfig("dsn", "pooler must be 'transaction' (a pooler such as PgBouncer in "
                            + "transaction mode is in between) or 'none', got '" + value + "'");
                } else if (KNOWN_OPTIONS.contains(key)) {
                    options.put(key, value);
                } else {
                    throw PgqrsException.invalidConfig("dsn", "unknown PostgreSQL DSN parameter '" + key + "'; supported: schema, "
                            + String.join(", ", KNOWN_OPTIONS.stream().sorted().toList()));
                }
            }
        }
        if (options.containsKey("listen_port") && !options.containsKey("listen_host")) {
            throw PgqrsException.invalidConfig("dsn", "listen_port needs listen_host: name the server that LISTEN connects to directly");
        }
        return new PostgresLocation(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, password,
                Config.validateSchema(schema), Map.copyOf(options));
    }

    /**
     * @return whether a pooler in transaction mode is in between: then no statement is prepared on the server and the
     *         schema is not set per connection, since the next transaction may run on another server connection
     */
    boolean transactionPooling() {
        return "transaction".equals(options.get("pooler"));
    }

    /**
     * @return where LISTEN connects: {@code listen_host} when given, else this address unless a transaction pooler is in
     *         between (LISTEN needs one session for as long as it listens); empty when LISTEN is off
     */
    Optional<PostgresLocation> listenLocation() {
        String listenHost = options.get("listen_host");
        if (listenHost == null) {
            return transactionPooling() ? Optional.empty() : Optional.of(this);
        }
        Map<String, String> direct = new LinkedHashMap<>(options);
        direct.keySet().removeAll(ROUTING_OPTIONS);
        int listenPort = Integer.parseInt(options.getOrDefault("listen_port", "5432"));
        return Optional.of(new PostgresLocation(listenHost, listenPort, database, user, password, schema, Map.copyOf(direct)));
    }

    /** @return the address for messages: host, port, database, user; never the password */
    String describe() {
        return "postgres://" + (user == null ? "" : user + "@") + host + ":" + port + "/" + database + " (schema " + schema
                + (transactionPooling() ? ", through a transaction pooler)" : ")");
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
