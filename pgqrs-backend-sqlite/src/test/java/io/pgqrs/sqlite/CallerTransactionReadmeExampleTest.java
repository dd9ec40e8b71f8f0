package io.pgqrs.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgqrs.Consumer;
import io.pgqrs.Message;
import io.pgqrs.Pgqrs;
import io.pgqrs.Producer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** README's "Enqueue in your transaction" example, as written there, runs on a SQLite file. */
class CallerTransactionReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void readmeExample() throws SQLException {
        Path file = dir.resolve("shop.db");
        SQLiteConfig immediate = new SQLiteConfig();
        immediate.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource appDb = new SQLiteDataSource(immediate);
        appDb.setUrl("jdbc:sqlite:" + file);
        execute(appDb, "CREATE TABLE orders (id BIGINT PRIMARY KEY, email TEXT, sent INTEGER DEFAULT 0)");

        // --- README example: begin
        try (Pgqrs pgqrs = Pgqrs.connect("sqlite:" + file)) {
            pgqrs.admin().install();
            pgqrs.admin().createQueue("emails");
            Producer producer = pgqrs.producer("emails");                 // registered before your transaction
            Consumer consumer = pgqrs.consumer("emails");

            try (Connection c = appDb.getConnection()) {                  // your connection, your transaction
                c.setAutoCommit(false);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO orders (id, email) VALUES (?, ?)")) {
                    s.setLong(1, 42);
                    s.setString(2, "a@b.c");
                    s.executeUpdate();
                }
                producer.withConnection(c).enqueue(Map.of("order", 42, "to", "a@b.c"));
                c.commit();                                               // the order and its message, or neither
            }

            try (Connection c = appDb.getConnection()) {
                c.setAutoCommit(false);
                Consumer tx = consumer.withConnection(c);
                for (Message m : tx.dequeue(10)) {
                    try (PreparedStatement s = c.prepareStatement("UPDATE orders SET sent = 1 WHERE id = ?")) {
                        s.setLong(1, m.payload().get("order").asLong());    // the effect, in your database
                        s.executeUpdate();
                    }
                    tx.archive(m.id());
                }
                c.commit();                                               // effect and archive together: exactly once
            }
            // --- README example: end

            long queueId = pgqrs.admin().getQueue("emails").id();
            assertThat(pgqrs.store().messages().listArchived(queueId, 0)).as("archived").hasSize(1);
            assertThat(consumer.dequeue(10)).as("nothing left to deliver").isEmpty();
        }
        assertThat(count(appDb, "SELECT COUNT(*) FROM orders WHERE sent = 1")).isEqualTo(1);
    }

    private static void execute(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(DataSource db, String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
