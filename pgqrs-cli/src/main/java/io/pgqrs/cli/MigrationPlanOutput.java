package io.pgqrs.cli;

import io.pgqrs.SchemaMigration;
import io.pgqrs.SchemaVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what {@code admin migrate --dry-run} found: for people, each pending migration as a comment line followed by
 * its statements, each ending in {@code ;}, ready to read or to run by hand; for scripts, the versions and the
 * migrations with their statements.
 */
final class MigrationPlanOutput {
    private MigrationPlanOutput() {
    }

    static void print(Output out, SchemaVersion version, List<SchemaMigration> plan) {
        StringBuilder text = new StringBuilder();
        if (plan.isEmpty()) {
            text.append("-- pgqrs schema is at version ").append(version.installed()).append(", up to date: nothing to run");
        } else {
            text.append("-- pgqrs schema is at version ").append(version.installed()).append("; `pgqrs admin migrate` would run:");
        }
        List<Map<String, Object>> migrations = new ArrayList<>();
        for (SchemaMigration m : plan) {
            text.append("\n-- version ").append(m.version()).append(": ").append(m.description());
            m.statements().forEach(s -> text.append('\n').append(s).append(';'));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("version", m.version());
            row.put("description", m.description());
            row.put("statements", m.statements());
            migrations.add(row);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("schema_version", version.installed());
        fields.put("latest_version", version.latest());
        fields.put("migrations", migrations);
        out.status(text.toString(), fields);
    }
}
