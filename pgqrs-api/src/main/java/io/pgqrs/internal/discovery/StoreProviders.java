package io.pgqrs.internal.discovery;

import io.pgqrs.Config;
import io.pgqrs.PgqrsException;
import io.pgqrs.internal.config.Dsns;
import io.pgqrs.spi.StoreProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the backend for a DSN's scheme with {@link ServiceLoader}. A provider that fails to load is
 * logged and skipped; an unknown scheme, or one claimed by two providers, is an error (never first-wins).
 */
public final class StoreProviders {
    private static final Logger LOG = LoggerFactory.getLogger(StoreProviders.class);

    private StoreProviders() {
    }

    /**
     * @param config the configuration whose DSN scheme picks the provider
     * @return the one provider serving the scheme
     * @throws PgqrsException {@code INVALID_CONFIG} (field {@code dsn}) naming the available schemes, or both claimants
     */
    public static StoreProvider forConfig(Config config) {
        String scheme = config.scheme();
        Map<String, List<StoreProvider>> byScheme = discover();
        List<StoreProvider> candidates = byScheme.getOrDefault(scheme, List.of());
        if (candidates.isEmpty()) {
            throw PgqrsException.invalidConfig("dsn", "Unsupported DSN format: no backend serves scheme '" + scheme
                    + "' in DSN '" + Dsns.mask(config.dsn()) + "'. Schemes available: " + byScheme.keySet()
                    + ". Add the backend jar (e.g. io.pgqrs:pgqrs-backend-" + scheme + ") to the class path or module path");
        }
        if (candidates.size() > 1) {
            String names = candidates.stream().map(p -> p.getClass().getName()).collect(Collectors.joining(" and "));
            throw PgqrsException.invalidConfig("dsn", "Scheme '" + scheme + "' is claimed by two backends: " + names
                    + ". Keep only one of their jars on the path");
        }
        StoreProvider chosen = candidates.get(0);
        LOG.debug("Backend for scheme '{}': {}", scheme, chosen.getClass().getName());
        return chosen;
    }

    private static Map<String, List<StoreProvider>> discover() {
        Map<String, List<StoreProvider>> byScheme = new TreeMap<>();
        Iterator<StoreProvider> it = ServiceLoader.load(StoreProvider.class).iterator();
        while (true) {
            StoreProvider provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError e) {
                LOG.warn("A pgqrs backend could not be loaded and is skipped: {}", e.getMessage(), e);
                continue;
            }
            for (String scheme : provider.schemes()) {
                byScheme.computeIfAbsent(scheme, s -> new ArrayList<>()).add(provider);
            }
        }
        return byScheme;
    }
}
