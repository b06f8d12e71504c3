package dev.smcp.plugin.promptyoself.internal;

import static dev.smcp.plugin.promptyoself.internal.ToolCalls.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database file made by the original (its SQLAlchemy schema and rows) opened by this plugin. */
class OriginalDatabaseTest {

    /** The tables and indexes SQLAlchemy created for the original's models, as SQLite shows them. */
    private static final List<String> ORIGINAL_SCHEMA = List.of("""
            CREATE TABLE unified_reminders (
            	id INTEGER NOT NULL,
            	message TEXT NOT NULL,
            	next_run DATETIME NOT NULL,
            	status VARCHAR(50) NOT NULL,
            	created_at DATETIME NOT NULL,
            	updated_at DATETIME,
            	active BOOLEAN,
            	schedule_type VARCHAR(50),
            	schedule_value VARCHAR(200),
            	recurrence VARCHAR(50),
            	max_repetitions INTEGER,
            	repetition_count INTEGER,
            	event_count INTEGER,
            	last_run DATETIME,
            	agent_id VARCHAR(100),
            	process_name TEXT,
            	task_id INTEGER,
            	user_id INTEGER,
            	PRIMARY KEY (id)
            )""",
            "CREATE INDEX ix_unified_reminders_next_run ON unified_reminders (next_run)",
            "CREATE INDEX ix_unified_reminders_active ON unified_reminders (active)",
            "CREATE INDEX ix_unified_reminders_agent_id ON unified_reminders (agent_id)",
            "CREATE INDEX idx_next_run_active ON unified_reminders (next_run, active)",
            "CREATE INDEX idx_agent_active ON unified_reminders (agent_id, active)",
            "CREATE INDEX idx_task_active ON unified_reminders (task_id, active)",
            "CREATE INDEX idx_status_next_run ON unified_reminders (status, next_run)",
            """
            CREATE TABLE schedules (
            	id INTEGER NOT NULL,
            	agent_id VARCHAR(100) NOT NULL,
            	prompt_text TEXT NOT NULL,
            	schedule_type VARCHAR(50) NOT NULL,
            	schedule_value VARCHAR(200) NOT NULL,
            	next_run DATETIME NOT NULL,
            	active BOOLEAN,
            	created_at DATETIME,
            	last_run DATETIME,
            	max_repetitions INTEGER,
            	repetition_count INTEGER,
            	PRIMARY KEY (id)
            )""");

    private static final String INSERT = "INSERT INTO unified_reminders (message, next_run, status, created_at, "
            + "updated_at, active, schedule_type, schedule_value, recurrence, max_repetitions, repetition_count, "
            + "event_count, last_run, agent_id, process_name, task_id, user_id) VALUES ";

    @TempDir
    Path dir;

    @Test
    void theOriginalsRowsAreListedDeliveredAndStayReadable() throws Exception {
        Path file = dir.resolve("unified.sqlite3");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            for (String sql : ORIGINAL_SCHEMA) {
                statement.execute(sql);
            }
            statement.execute(INSERT + "('Daily check-in', '2026-12-03 09:00:00.000000', 'pending', "
                    + "'2026-11-30 08:15:02.123456', NULL, 1, 'cron', '0 9 * * *', NULL, NULL, 3, 3, "
                    + "'2026-12-02 09:00:00.412000', 'agent-7', 'cli_interface', NULL, NULL)");
            statement.execute(INSERT + "('Every half hour', '2026-12-03 12:30:00.000000', 'pending', "
                    + "'2026-12-03 10:00:00.000000', NULL, 1, 'interval', '30m', NULL, 5, 0, 0, NULL, 'agent-7', "
                    + "'cli_interface', NULL, NULL)");
            statement.execute(INSERT + "('Cancelled one', '2026-12-05 10:00:00.000000', 'pending', "
                    + "'2026-12-01 10:00:00.000000', NULL, 0, 'once', '2026-12-05T10:00:00', NULL, NULL, 0, 0, NULL, "
                    + "'agent-8', 'cli_interface', NULL, NULL)");
            statement.execute(INSERT + "('A web reminder', '2026-12-01 10:00:00.000000', 'pending', "
                    + "'2026-12-01 09:00:00.000000', NULL, 1, NULL, NULL, 'daily', NULL, 0, 0, NULL, NULL, 'web', 4, "
                    + "2)");
        }

        try (FakeLetta letta = new FakeLetta("agent-7")) {
            MutableClock clock = new MutableClock("2026-12-03T12:00:00Z");
            PromptYoSelf engine = ToolCalls.engine(file, letta, clock);
            try {
                Map<String, Object> active = ok(new ListTool(engine), Map.of());
                assertEquals(2, active.get("count"), "active rows with an agent");
                Map<?, ?> cron = (Map<?, ?>) ((List<?>) active.get("schedules")).get(0);
                assertEquals(1L, cron.get("id"));
                assertEquals("Daily check-in", cron.get("prompt_text"));
                assertEquals("2026-12-03T09:00:00Z", cron.get("next_run"));
                assertEquals("2026-11-30T08:15:02.123456Z", cron.get("created_at"));
                assertEquals("2026-12-02T09:00:00.412Z", cron.get("last_run"));
                assertEquals(3, cron.get("repetition_count"));
                assertEquals("UTC", cron.get("time_zone"), "the original's times are UTC");
                assertEquals(3, ok(new ListTool(engine), Map.of("all", true)).get("count"), "not the web row");

                Map<String, Object> executed = ok(new ExecuteTool(engine), Map.of());
                assertEquals("1 prompts executed", executed.get("message"), "the overdue cron row only");
                assertEquals("2026-12-04T09:00:00Z",
                        ((Map<?, ?>) ((List<?>) executed.get("executed")).get(0)).get("next_run"));
                assertEquals("Daily check-in", letta.delivered().get(0)[1]);

                long id = (Long) ok(new RegisterTool(engine), Map.of("agent_id", "agent-7", "prompt", "new one",
                        "every", "1h")).get("id");
                assertEquals(5L, id, "ids continue after the original's");
                clock.set("2026-12-03T12:30:00Z");
                assertEquals("2026-12-03T13:00:00Z", ((Map<?, ?>) ((List<?>) ok(new ExecuteTool(engine), Map.of())
                        .get("executed")).get(0)).get("next_run"));
            } finally {
                engine.stop();
            }
        }

        // what the original reads still reads: its columns, its time format, its booleans
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, message, next_run, status, active, "
                        + "repetition_count, event_count, last_run, agent_id, process_name FROM unified_reminders "
                        + "ORDER BY id")) {
            List<String> seen = new ArrayList<>();
            while (rows.next()) {
                seen.add(rows.getLong(1) + "|" + rows.getString(3) + "|" + rows.getString(4) + "|" + rows.getInt(5)
                        + "|" + rows.getInt(6) + "|" + rows.getInt(7) + "|" + rows.getString(8) + "|"
                        + rows.getString(10));
            }
            assertEquals(List.of(
                    "1|2026-12-04 09:00:00.000000|pending|1|4|4|2026-12-03 12:00:00.000000|cli_interface",
                    "2|2026-12-03 13:00:00.000000|pending|1|1|1|2026-12-03 12:30:00.000000|cli_interface",
                    "3|2026-12-05 10:00:00.000000|pending|0|0|0|null|cli_interface",
                    "4|2026-12-01 10:00:00.000000|pending|1|0|0|null|web",
                    "5|2026-12-03 13:00:00.000000|pending|1|0|0|null|cli_interface"), seen);
            assertTrue(tableExists(connection, "schedules"), "the legacy table is left alone");
        }
    }

    private static boolean tableExists(Connection connection, String name) throws Exception {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, name, null)) {
            return tables.next();
        }
    }
}
