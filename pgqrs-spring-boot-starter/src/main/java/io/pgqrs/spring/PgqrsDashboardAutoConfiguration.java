package io.pgqrs.spring;

import io.pgqrs.Pgqrs;
import io.pgqrs.dashboard.Dashboard;
import jakarta.servlet.http.HttpServlet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Mounts the pgqrs web dashboard under {@code pgqrs.dashboard.path} (default {@code /pgqrs}) of a servlet application
 * when {@code pgqrs.dashboard.enabled=true} and {@code io.pgqrs:pgqrs-dashboard} is on the class path (the starter
 * does not bring it). The pages and the JSON API are the same as those of {@code pgqrs dashboard}; read-only mode and
 * the token come from {@code pgqrs.dashboard.read-only} and {@code pgqrs.dashboard.token}.
 */
@AutoConfiguration(after = PgqrsAutoConfiguration.class)
@ConditionalOnClass({Dashboard.class, HttpServlet.class, ServletRegistrationBean.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(Pgqrs.class)
@ConditionalOnProperty(prefix = "pgqrs.dashboard", name = "enabled", havingValue = "true")
public class PgqrsDashboardAutoConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(PgqrsDashboardAutoConfiguration.class);

    /** Created by Spring Boot. */
    public PgqrsDashboardAutoConfiguration() {
    }

    /**
     * @param pgqrs the connection
     * @param properties the {@code pgqrs.*} properties
     * @return the dashboard, its sampler running until the context closes
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Dashboard pgqrsDashboard(Pgqrs pgqrs, PgqrsProperties properties) {
        PgqrsProperties.DashboardSettings settings = properties.getDashboard();
        return Dashboard.builder(pgqrs).readOnly(settings.isReadOnly()).token(settings.getToken()).build();
    }

    /**
     * @param dashboard the dashboard
     * @param properties the {@code pgqrs.*} properties
     * @return the servlet serving it under the path
     * @throws InvalidConfigurationPropertyValueException for a path that is not {@code /} and a name
     */
    @Bean
    @ConditionalOnMissingBean(name = "pgqrsDashboardServlet")
    public ServletRegistrationBean<HttpServlet> pgqrsDashboardServlet(Dashboard dashboard, PgqrsProperties properties) {
        PgqrsProperties.DashboardSettings settings = properties.getDashboard();
        String path = path(settings.getPath());
        ServletRegistrationBean<HttpServlet> servlet = new ServletRegistrationBean<>(new DashboardServlet(dashboard), path + "/*");
        servlet.setName("pgqrsDashboard");
        if (settings.getToken() == null || settings.getToken().isBlank()) {
            LOG.warn("pgqrs dashboard mounted at {} without a token{}: whoever reaches the application reaches it; set "
                    + "pgqrs.dashboard.token or protect the path", path, dashboard.readOnly() ? " (read-only)" : " and its actions");
        } else {
            LOG.info("pgqrs dashboard mounted at {}{}", path, dashboard.readOnly() ? " (read-only)" : "");
        }
        return servlet;
    }

    /** @return the path without a trailing slash, checked */
    static String path(String given) {
        String path = given == null ? "" : given.strip();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!path.startsWith("/") || path.contains("*") || path.contains("?") || path.contains("//")) {
            throw new InvalidConfigurationPropertyValueException("pgqrs.dashboard.path", given,
                    "pgqrs.dashboard.path must be a path below the application's root such as /pgqrs (not the root "
                            + "itself, without wildcards, query or empty segments)");
        }
        return path;
    }
}
