package io.pgqrs.spring;

import io.pgqrs.Config;
import io.pgqrs.ErrorKind;
import io.pgqrs.Pgqrs;
import io.pgqrs.PgqrsException;
import io.pgqrs.spi.DsnMask;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Opens the application's connection from {@link PgqrsProperties} and the {@link PgqrsConfigCustomizer} beans, and
 * installs the tables when {@code pgqrs.install-on-startup} says so. A bad setting fails start-up with Spring Boot's
 * {@link InvalidConfigurationPropertyValueException}, naming the property (a DSN's password is masked).
 */
final class PgqrsConnector {
    private static final Logger LOG = LoggerFactory.getLogger(PgqrsConnector.class);

    /** The library's configuration fields that a property sets, by the property that sets them. */
    private static final Map<String, String> PROPERTY_OF_FIELD = Map.of(
            "dsn", "pgqrs.dsn",
            "schema", "pgqrs.schema",
            "max_connections", "pgqrs.max-connections");

    private final PgqrsProperties properties;
    private final List<PgqrsConfigCustomizer> customizers;

    PgqrsConnector(PgqrsProperties properties, List<PgqrsConfigCustomizer> customizers) {
        this.properties = properties;
        this.customizers = customizers;
    }

    /** @return the open connection, installed if so configured */
    Pgqrs connect() {
        String dsn = properties.getDsn();
        if (dsn == null || dsn.isBlank()) {
            throw new InvalidConfigurationPropertyValueException("pgqrs.dsn", dsn,
                    "pgqrs.dsn is required: set it to the store, e.g. pgqrs.dsn=sqlite:jobs.db or "
                            + "pgqrs.dsn=postgres://user@host:5432/db");
        }
        Pgqrs pgqrs;
        try {
            pgqrs = Pgqrs.connect(config(dsn.trim()));
        } catch (PgqrsException e) {
            throw translate(e);
        }
        try {
            if (properties.isInstallOnStartup()) {
                pgqrs.admin().install();
                LOG.info("pgqrs tables installed on {} (pgqrs.install-on-startup=true)", pgqrs.backendName());
            }
            return pgqrs;
        } catch (RuntimeException e) {
            pgqrs.close();
            throw e;
        }
    }

    private Config config(String dsn) {
        Config.Builder builder = Config.builder(dsn);
        if (properties.getSchema() != null) {
            builder.schema(properties.getSchema());
        }
        if (properties.getMaxConnections() != null) {
            builder.maxConnections(properties.getMaxConnections());
        }
        customizers.forEach(c -> c.customize(builder));
        return builder.build();
    }

    private RuntimeException translate(PgqrsException e) {
        String property = e.kind() == ErrorKind.INVALID_CONFIG ? e.field().map(PROPERTY_OF_FIELD::get).orElse(null) : null;
        if (property != null) {
            return new InvalidConfigurationPropertyValueException(property, valueOf(property), e.getMessage());
        }
        return new IllegalStateException("Cannot open the pgqrs store of pgqrs.dsn=" + DsnMask.mask(properties.getDsn())
                + ": " + e.getMessage(), e);
    }

    private Object valueOf(String property) {
        switch (property) {
            case "pgqrs.dsn":
                return DsnMask.mask(properties.getDsn());
            case "pgqrs.schema":
                return properties.getSchema();
            default:
                return properties.getMaxConnections();
        }
    }
}
