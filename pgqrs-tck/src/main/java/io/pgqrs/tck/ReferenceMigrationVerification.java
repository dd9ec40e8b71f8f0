package io.pgqrs.tck;

import static io.pgqrs.tck.PgqrsAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Config;
import io.pgqrs.ErrorKind;
import io.pgqrs.Pgqrs;
import io.pgqrs.SchemaMigration;
import io.pgqrs.SchemaVersion;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Migrations from the reference implementation's 0.15 layout, on top of {@link MigrationVerification}: a reference
 * store with rows is upgraded in place, the dry run lists every migration and writes nothing, and the nested groups
 * run the kit on stores that held the reference layout before their install. When a test fails, look at migration 1:
 * it must accept every table, type and index of the reference layout as it is.
 */
public abstract class ReferenceMigrationVerification extends MigrationVerification {

    /**
     * @return statements that create the reference implementation's tables and indexes exactly (no version table,
     *         no failures table), in an empty store
     */
    protected abstract List<String> referenceLayout();

    /**
     * A store in the reference layout with rows is at version 0; verify says it is older and what to run; install
     * brings it to this library's version with the queue, worker and messages as they were, and the old messages are
     * delivered and settled like new ones.
     */
    @Test
    public void m1_referenceLayoutUpgradedInPlace() {
        execute(store(), referenceLayout());
        execute(store(), LEGACY_ROWS);
        Pgqrs p = connect();
        SchemaVersion before = p.admin().schemaVersion();
        assertThat(before.installed()).isZero();
        assertThat(before.isOlder()).isTrue();
        assertThat(assertFails(ErrorKind.SCHEMA_VALIDATION, () -> p.admin().verify()).getMessage())
                .contains("version 0").contains("older").contains("pgqrs admin migrate");

        p.admin().install();

        assertUpToDate(p);
        assertLegacyRowsWork(p);
    }

    /**
     * The dry run on a reference store lists every migration from 1 with its statements, each ending by recording
     * its version, the last adding the headers column; it writes nothing, and after install it lists nothing.
     */
    @Test
    public void m6_dryRunListsWhatInstallRunsAndWritesNothing() {
        execute(store(), referenceLayout());
        Pgqrs p = connect();
        List<SchemaMigration> plan = p.admin().migrationPlan();
        int latest = p.admin().schemaVersion().latest();
        assertThat(plan).extracting(SchemaMigration::version).first().isEqualTo(1);
        assertThat(plan).extracting(SchemaMigration::version).last().isEqualTo(latest);
        assertThat(plan).allSatisfy(m -> assertThat(m.statements().get(m.statements().size() - 1))
                .contains("pgqrs_schema_version").contains(String.valueOf(m.version())));
        assertThat(String.join("\n", plan.get(1).statements())).contains("headers");
        assertThat(p.admin().schemaVersion().installed()).as("the dry run recorded nothing").isZero();
        assertThat(p.store().schema().missingTables(List.of("pgqrs_message_failures"))).as("the dry run created nothing")
                .containsExactly("pgqrs_message_failures");

        p.admin().install();
        assertThat(p.admin().migrationPlan()).isEmpty();
    }

    /** A fixture whose fresh stores hold the reference layout, empty, before the kit installs them. */
    private StoreFixture referenceStores() {
        StoreFixture base = fixture();
        return new StoreFixture() {
            @Override
            public Config.Builder freshStore() {
                Config.Builder builder = base.freshStore();
                execute(builder.build(), referenceLayout());
                return builder;
            }

            @Override
            public void share(Pgqrs writer, Pgqrs reader) {
                base.share(writer, reader);
            }

            @Override
            public void cleanUp() {
                base.cleanUp();
            }
        };
    }

    /** Queues, install, verify and uninstall on upgraded reference stores. */
    @Nested
    class UpgradedQueues extends QueueVerification {
        @Override
        protected StoreFixture fixture() {
            return referenceStores();
        }
    }

    /** Enqueue and validation on upgraded reference stores. */
    @Nested
    class UpgradedProducers extends ProducerVerification {
        @Override
        protected StoreFixture fixture() {
            return referenceStores();
        }
    }

    /** Headers on upgraded reference stores. */
    @Nested
    class UpgradedHeaders extends HeadersVerification {
        @Override
        protected StoreFixture fixture() {
            return referenceStores();
        }
    }

    /** Leases and settling on upgraded reference stores. */
    @Nested
    class UpgradedConsumers extends ConsumerVerification {
        @Override
        protected StoreFixture fixture() {
            return referenceStores();
        }
    }

    /** Workflows on upgraded reference stores (the reference's status type may lack values the library adds). */
    @Nested
    class UpgradedWorkflows extends WorkflowVerification {
        @Override
        protected StoreFixture fixture() {
            return referenceStores();
        }
    }

    /** Worker registration and state on upgraded reference stores. */
    @Nested
    class UpgradedWorkers extends WorkerVerification {
        @Override
        protected StoreFixture fixture() {
            return referenceStores();
        }
    }

    /** The storage ports' contracts on upgraded reference stores. */
    @Nested
    class UpgradedStoreContracts extends StoreVerification {
        @Override
        protected StoreFixture fixture() {
            return referenceStores();
        }
    }

    /** Idempotency keys (the newest columns and index) on upgraded reference stores. */
    @Nested
    class UpgradedIdempotency extends IdempotencyVerification {
        @Override
        protected StoreFixture fixture() {
            return referenceStores();
        }
    }
}
