package io.pgqrs.jdbi.internal;

import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import io.pgqrs.SchemaMigration;
import io.pgqrs.SchemaVersion;
import io.pgqrs.jdbi.SqlDialect;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a dialect's migrations, once for every JDBC backend: takes the dialect's lock, reads the recorded version under
 * it, refuses a store newer than the code before writing anything, then runs each missing migration and records it,
 * in one transaction where DDL is transactional. A dry run lists exactly the statements a run would execute.
 */
public final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    /** The table holding one row per applied migration. */
    public static final String VERSION_TABLE = "pgqrs_schema_version";

    private final StatementRunner runner;
    private final SqlDialect dialect;
    private final List<SchemaMigration> migrations;

    /**
     * @param runner the statement runner
     * @param dialect the dialect whose {@link SqlDialect#migrations()} are run
     */
    public SchemaMigrator(StatementRunner runner, SqlDialect dialect) {
        this.runner = runner;
        this.dialect = dialect;
        this.migrations = dialect.migrations();
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw PgqrsException.of(ErrorKind.INTERNAL, dialect.name() + " migrations must be numbered 1, 2, 3 … "
                        + "in order; found version " + migrations.get(i).version() + " at position " + (i + 1), null);
            }
        }
    }

    /** @return the newest version the dialect knows */
    public int latestVersion() {
        return migrations.size();
    }

    /** @return the version recorded in the store, 0 when there is no version table */
    public int installedVersion() {
        return runner.withHandle("SCHEMA_VERSION", false, this::installedVersion);
    }

    /** @return the migrations a run would apply now, each with its recording statement; nothing is written */
    public List<SchemaMigration> pending() {
        return runner.withHandle("SCHEMA_PLAN", false, h -> pendingAfter(installedVersion(h)));
    }

    /** Applies the missing migrations under the dialect's lock; see {@link io.pgqrs.spi.SchemaAdmin#install()}. */
    public void migrate() {
        if (dialect.transactionalDdl()) {
            runner.atomically("MIGRATE_SCHEMA", h -> {
                lock(h);
                apply(h);
                return null;
            });
            return;
        }
        runner.withHandle("MIGRATE_SCHEMA", true, h -> {
            lock(h);
            try {
                apply(h);
            } finally {
                h.execute(dialect.migrationUnlock());
            }
            return null;
        });
    }

    private void lock(Handle h) {
        String lock = dialect.migrationLock();
        if (lock != null && "0".equals(h.createQuery(lock).mapTo(String.class).one())) {
            throw PgqrsException.of(ErrorKind.TIMEOUT, "Another process kept migrating the " + dialect.name()
                    + " schema for too long; try `pgqrs admin migrate` again once it finished", null);
        }
    }

    private void apply(Handle h) {
        int installed = installedVersion(h);
        for (SchemaMigration migration : pendingAfter(installed)) {
            try {
                migration.statements().forEach(h::execute);
            } catch (JdbiException e) {
                throw PgqrsException.migrationFailed(migration, e.getCause() != null ? e.getCause() : e);
            }
            LOG.info("{} schema migrated to version {} ({})", dialect.name(), migration.version(), migration.description());
        }
    }

    private List<SchemaMigration> pendingAfter(int installed) {
        SchemaVersion version = new SchemaVersion(installed, latestVersion());
        if (version.isNewer()) {
            throw PgqrsException.schemaNewerThanLibrary(version);
        }
        List<SchemaMigration> pending = new ArrayList<>();
        for (SchemaMigration m : migrations.subList(installed, migrations.size())) {
            List<String> statements = new ArrayList<>(m.statements());
            statements.add("INSERT INTO " + VERSION_TABLE + " (version, description) VALUES (" + m.version() + ", '"
                    + m.description().replace("'", "''") + "')");
            pending.add(new SchemaMigration(m.version(), m.description(), statements));
        }
        return pending;
    }

    private int installedVersion(Handle h) {
        if (h.createQuery(dialect.tableExistsQuery()).bind("name", VERSION_TABLE).mapTo(Long.class).one() == 0) {
            return 0;
        }
        return h.createQuery("SELECT COALESCE(MAX(version), 0) FROM " + VERSION_TABLE).mapTo(Integer.class).one();
    }
}
