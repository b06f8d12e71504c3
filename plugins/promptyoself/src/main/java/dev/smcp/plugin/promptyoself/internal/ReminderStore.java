package dev.smcp.plugin.promptyoself.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The prompts, in the original's {@code unified_reminders} table, in SQLite or PostgreSQL. Opening an existing table
 * adds the columns this plugin needs (failure count, retry time, claim) and leaves everything else as it is, so a
 * database file of the original keeps working. Times are stored in UTC: in SQLite as the original's text
 * ({@code 2026-12-03 14:00:00.000000}), in PostgreSQL as {@code TIMESTAMP}.
 * <p>
 * Several server instances may share one PostgreSQL database: a due prompt is claimed (a token and a lease
 * written under {@code SELECT ... FOR UPDATE SKIP LOCKED}) before it is delivered, so each due run is delivered by
 * exactly one instance. SQLite is for one instance; its access is serialised inside the process. Thread-safe.
 */
final class ReminderStore {

    /** The databases supported. */
    enum Dialect { SQLITE, POSTGRESQL }

    static final String TABLE = "unified_reminders";

    private static final String COLUMNS = "id, agent_id, message, schedule_type, schedule_value, time_zone, next_run, "
            + "active, status, created_at, last_run, max_repetitions, repetition_count, failure_count, retry_at, "
            + "last_error";
    private static final DateTimeFormatter SQLITE_WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS",
            Locale.ROOT);
    private static final DateTimeFormatter SQLITE_READ = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[' ']['T']HH:mm[:ss]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    /** Serialises the schema set-up of instances sharing a PostgreSQL database. */
    private static final long MIGRATION_LOCK = 0x70797365_6c66L;

    private final Dialect dialect;
    private final String url;
    private final Properties connectionProperties;
    private final Path sqliteFile;
    private final Driver driver;
    private final ReentrantLock sqliteLock = new ReentrantLock();
    private volatile boolean migrated;

    private ReminderStore(Dialect dialect, String url, Properties connectionProperties, Path sqliteFile) {
        this.dialect = dialect;
        this.url = url;
        this.connectionProperties = connectionProperties;
        this.sqliteFile = sqliteFile;
        this.driver = dialect == Dialect.SQLITE ? new org.sqlite.JDBC() : new org.postgresql.Driver();
    }

    /** @return a store on a SQLite file (created with its directories on first write) */
    static ReminderStore sqlite(Path file) {
        Properties properties = new Properties();
        properties.setProperty("busy_timeout", "30000");
        Path absolute = file.toAbsolutePath();
        return new ReminderStore(Dialect.SQLITE, "jdbc:sqlite:" + absolute, properties, absolute);
    }

    /**
     * @param database a SQLite file path, or a {@code jdbc:sqlite:} or {@code jdbc:postgresql:} URL
     * @param user the PostgreSQL user, or {@code null}
     * @param password the PostgreSQL password, or {@code null}
     * @return the store
     * @throws IllegalArgumentException for another kind of JDBC URL
     */
    static ReminderStore open(String database, String user, String password) {
        if (database.startsWith("jdbc:postgresql:")) {
            Properties properties = new Properties();
            if (user != null && !user.isEmpty()) {
                properties.setProperty("user", user);
            }
            if (password != null && !password.isEmpty()) {
                properties.setProperty("password", password);
            }
            properties.setProperty("connectTimeout", "10");
            properties.setProperty("socketTimeout", "60"); // a hung database must not stall the scheduler for ever
            properties.setProperty("ApplicationName", "smcp-promptyoself");
            return new ReminderStore(Dialect.POSTGRESQL, database, properties, null);
        }
        if (database.startsWith("jdbc:sqlite:")) {
            return sqlite(Path.of(database.substring("jdbc:sqlite:".length())));
        }
        if (database.startsWith("jdbc:")) {
            throw new IllegalArgumentException("unsupported database URL (expected jdbc:sqlite: or jdbc:postgresql:)");
        }
        return sqlite(Path.of(database));
    }

    Dialect dialect() {
        return dialect;
    }

    /** @return a description of where the prompts are, without credentials */
    String location() {
        return dialect == Dialect.SQLITE ? sqliteFile.toString() : url.replaceAll("\\?.*", "");
    }

    /** @return whether there may be prompts: false for a SQLite file not created yet */
    boolean exists() {
        return dialect == Dialect.POSTGRESQL || Files.exists(sqliteFile);
    }

    /**
     * Inserts a prompt.
     *
     * @return its id
     */
    long insert(String agentId, String prompt, Schedule schedule, Instant nextRun, Integer maxRepetitions,
            Instant now) throws SQLException {
        String sql = "INSERT INTO " + TABLE + " (message, next_run, status, created_at, updated_at, active, "
                + "schedule_type, schedule_value, max_repetitions, repetition_count, event_count, agent_id, "
                + "process_name, time_zone, failure_count) VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, 0, 0, ?, "
                + "'cli_interface', ?, 0)";
        return withConnection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, prompt);
                setTime(insert, 2, nextRun);
                setTime(insert, 3, now);
                setTime(insert, 4, now);
                insert.setBoolean(5, true);
                insert.setString(6, schedule.type().stored());
                insert.setString(7, schedule.value());
                if (maxRepetitions == null) {
                    insert.setNull(8, Types.INTEGER);
                } else {
                    insert.setInt(8, maxRepetitions);
                }
                insert.setString(9, agentId);
                insert.setString(10, schedule.zone().getId());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new SQLException("the database returned no id for the new prompt");
                    }
                    return keys.getLong(1);
                }
            }
        });
    }

    /**
     * @param agentId only this agent's prompts, or {@code null} for every agent
     * @param includeInactive whether cancelled, completed and failed prompts are included
     * @return prompts with an agent, by next run
     */
    List<Reminder> list(String agentId, boolean includeInactive) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE agent_id IS NOT NULL"
                + (agentId == null ? "" : " AND agent_id = ?") + (includeInactive ? "" : " AND active = ?")
                + " ORDER BY next_run, id";
        return withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int index = 1;
                if (agentId != null) {
                    select.setString(index++, agentId);
                }
                if (!includeInactive) {
                    select.setBoolean(index, true);
                }
                return read(select);
            }
        });
    }

    /** @return the prompt with this id (and an agent), or {@code null} */
    Reminder find(long id) throws SQLException {
        return withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                    + " WHERE id = ? AND agent_id IS NOT NULL")) {
                select.setLong(1, id);
                List<Reminder> rows = read(select);
                return rows.isEmpty() ? null : rows.get(0);
            }
        });
    }

    /**
     * Deactivates a prompt; cancelling an inactive one changes nothing and succeeds.
     *
     * @return whether there is such a prompt
     */
    boolean cancel(long id, Instant now) throws SQLException {
        return withConnection(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET status = CASE WHEN "
                    + "active = ? THEN 'cancelled' ELSE status END, active = ?, updated_at = ? WHERE id = ? AND "
                    + "agent_id IS NOT NULL")) {
                update.setBoolean(1, true);
                update.setBoolean(2, false);
                setTime(update, 3, now);
                update.setLong(4, id);
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * Claims the due prompts not claimed by anyone else (or whose claim lease expired).
     *
     * @param now the current time
     * @param lease how long the claim holds
     * @param limit the most prompts claimed at once
     * @param token this claim's token, unique
     * @return the claimed prompts
     */
    List<Reminder> claimDue(Instant now, Duration lease, int limit, String token) throws SQLException {
        String select = "SELECT id FROM " + TABLE + " WHERE active = ? AND agent_id IS NOT NULL AND "
                + "COALESCE(retry_at, next_run) <= ? AND (claim_until IS NULL OR claim_until <= ?) "
                + "ORDER BY next_run, id LIMIT ?" + (dialect == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "");
        String claim = "UPDATE " + TABLE + " SET claim_token = ?, claim_until = ? WHERE id = ? AND active = ? AND "
                + "(claim_until IS NULL OR claim_until <= ?)";
        return withConnection(connection -> {
            connection.setAutoCommit(false);
            try {
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement due = connection.prepareStatement(select)) {
                    due.setBoolean(1, true);
                    setTime(due, 2, now);
                    setTime(due, 3, now);
                    due.setInt(4, limit);
                    try (ResultSet rows = due.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getLong(1));
                        }
                    }
                }
                try (PreparedStatement update = connection.prepareStatement(claim)) {
                    for (long id : ids) {
                        update.setString(1, token);
                        setTime(update, 2, now.plus(lease));
                        update.setLong(3, id);
                        update.setBoolean(4, true);
                        setTime(update, 5, now);
                        update.executeUpdate();
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            try (PreparedStatement claimed = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE
                    + " WHERE claim_token = ? ORDER BY next_run, id")) {
                claimed.setString(1, token);
                return read(claimed);
            }
        });
    }

    /**
     * Records a delivery of a claimed prompt and releases the claim. A prompt cancelled meanwhile stays cancelled.
     *
     * @param next the next run, or {@code null} when the prompt is finished (its {@code next_run} is kept)
     */
    void recordDelivered(Reminder reminder, String token, Instant now, Instant next) throws SQLException {
        boolean finished = next == null;
        String sql = "UPDATE " + TABLE + " SET repetition_count = ?, event_count = COALESCE(event_count, 0) + 1, "
                + "last_run = ?, next_run = " + (finished ? "next_run" : "?") + ", status = CASE WHEN active = ? "
                + "THEN ? ELSE status END, active = " + (finished ? "?" : "active") + ", failure_count = 0, "
                + "retry_at = NULL, last_error = NULL, claim_token = NULL, claim_until = NULL, updated_at = ? "
                + "WHERE id = ? AND claim_token = ?";
        withConnection(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                int index = 1;
                update.setInt(index++, reminder.repetitionCount() + 1);
                setTime(update, index++, now);
                if (!finished) {
                    setTime(update, index++, next);
                }
                update.setBoolean(index++, true);
                update.setString(index++, finished ? "completed" : "pending");
                if (finished) {
                    update.setBoolean(index++, false);
                }
                setTime(update, index++, now);
                update.setLong(index++, reminder.id());
                update.setString(index, token);
                return update.executeUpdate();
            }
        });
    }

    /**
     * Records a failed delivery of a claimed prompt and releases the claim.
     *
     * @param failures the consecutive failures, this one included
     * @param retryAt when to try again, or {@code null} to give up (the prompt becomes inactive, status
     *            {@code failed})
     * @param error why it failed
     */
    void recordFailed(Reminder reminder, String token, Instant now, int failures, Instant retryAt, String error)
            throws SQLException {
        boolean giveUp = retryAt == null;
        String sql = "UPDATE " + TABLE + " SET failure_count = ?, retry_at = ?, last_error = ?, "
                + (giveUp ? "status = CASE WHEN active = ? THEN 'failed' ELSE status END, active = ?, " : "")
                + "claim_token = NULL, claim_until = NULL, updated_at = ? WHERE id = ? AND claim_token = ?";
        withConnection(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                int index = 1;
                update.setInt(index++, failures);
                setTime(update, index++, retryAt);
                update.setString(index++, error);
                if (giveUp) {
                    update.setBoolean(index++, true);
                    update.setBoolean(index++, false);
                }
                setTime(update, index++, now);
                update.setLong(index++, reminder.id());
                update.setString(index, token);
                return update.executeUpdate();
            }
        });
    }

    /** Gives claimed prompts back, untried, to the next pass of any instance. */
    void releaseClaims(List<Long> ids, String token) throws SQLException {
        withConnection(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET claim_token = NULL, "
                    + "claim_until = NULL WHERE id = ? AND claim_token = ?")) {
                int released = 0;
                for (long id : ids) {
                    update.setLong(1, id);
                    update.setString(2, token);
                    released += update.executeUpdate();
                }
                return released;
            }
        });
    }

    /** Creates the table, or adds this plugin's columns to the original's table. Idempotent. */
    void migrate() throws SQLException {
        if (migrated) {
            return;
        }
        if (dialect == Dialect.SQLITE) {
            try {
                Path parent = sqliteFile.getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
            } catch (IOException e) {
                throw new SQLException("cannot create the directory of " + sqliteFile + ": " + e.getMessage(), e);
            }
        }
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                if (dialect == Dialect.POSTGRESQL) {
                    statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
                }
                statement.execute(createTable());
                Set<String> present = columns(connection);
                for (String[] column : addedColumns()) {
                    if (!present.contains(column[0])) {
                        statement.execute("ALTER TABLE " + TABLE + " ADD COLUMN " + column[0] + " " + column[1]);
                    }
                }
                for (String index : List.of("next_run", "active", "agent_id", "next_run, active", "agent_id, active",
                        "claim_token")) {
                    statement.execute("CREATE INDEX IF NOT EXISTS ix_" + TABLE + "_" + index.replace(", ", "_")
                            + " ON " + TABLE + " (" + index + ")");
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
        migrated = true;
    }

    /** The table of the original (the columns and types SQLAlchemy created), plus this plugin's columns. */
    private String createTable() {
        String time = timeType();
        String id = dialect == Dialect.SQLITE ? "id INTEGER NOT NULL PRIMARY KEY"
                : "id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS " + TABLE + " (" + id
                + ", message TEXT NOT NULL, next_run " + time + " NOT NULL, status VARCHAR(50) NOT NULL DEFAULT "
                + "'pending', created_at " + time + " NOT NULL, updated_at " + time + ", active BOOLEAN DEFAULT "
                + (dialect == Dialect.SQLITE ? "1" : "TRUE") + ", schedule_type VARCHAR(50), schedule_value "
                + "VARCHAR(200), recurrence VARCHAR(50), max_repetitions INTEGER, repetition_count INTEGER DEFAULT 0, "
                + "event_count INTEGER DEFAULT 0, last_run " + time + ", agent_id VARCHAR(100), process_name TEXT, "
                + "task_id INTEGER, user_id INTEGER");
        for (String[] column : addedColumns()) {
            sql.append(", ").append(column[0]).append(' ').append(column[1]);
        }
        return sql.append(')').toString();
    }

    private List<String[]> addedColumns() {
        String time = timeType();
        return List.of(new String[] {"time_zone", "VARCHAR(64)"}, new String[] {"failure_count", "INTEGER DEFAULT 0"},
                new String[] {"retry_at", time}, new String[] {"last_error", "TEXT"},
                new String[] {"claim_token", "VARCHAR(64)"}, new String[] {"claim_until", time});
    }

    private String timeType() {
        return dialect == Dialect.SQLITE ? "DATETIME" : "TIMESTAMP";
    }

    private static Set<String> columns(Connection connection) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet empty = statement.executeQuery("SELECT * FROM " + TABLE + " WHERE 1 = 0")) {
            ResultSetMetaData meta = empty.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private List<Reminder> read(PreparedStatement select) throws SQLException {
        List<Reminder> rows = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                int max = row.getInt("max_repetitions");
                Integer maxRepetitions = row.wasNull() ? null : max;
                boolean active = row.getBoolean("active");
                if (row.wasNull()) {
                    active = true; // the original's default
                }
                rows.add(new Reminder(row.getLong("id"), row.getString("agent_id"), row.getString("message"),
                        row.getString("schedule_type"), row.getString("schedule_value"), row.getString("time_zone"),
                        getTime(row, "next_run"), active, row.getString("status"), getTime(row, "created_at"),
                        getTime(row, "last_run"), maxRepetitions, row.getInt("repetition_count"),
                        row.getInt("failure_count"), getTime(row, "retry_at"), row.getString("last_error")));
            }
        }
        return rows;
    }

    private void setTime(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, dialect == Dialect.SQLITE ? Types.VARCHAR : Types.TIMESTAMP);
        } else if (dialect == Dialect.SQLITE) {
            statement.setString(index, SQLITE_WRITE.format(instant.atOffset(ZoneOffset.UTC)));
        } else {
            statement.setObject(index, LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS),
                    ZoneOffset.UTC));
        }
    }

    private Instant getTime(ResultSet row, String column) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            LocalDateTime value = row.getObject(column, LocalDateTime.class);
            return value == null ? null : value.toInstant(ZoneOffset.UTC);
        }
        String text = row.getString(column);
        if (text == null || text.isBlank()) {
            return null;
        }
        return LocalDateTime.parse(text.strip(), SQLITE_READ).toInstant(ZoneOffset.UTC);
    }

    private Connection connect() throws SQLException {
        Connection connection = driver.connect(url, connectionProperties);
        if (connection == null) {
            throw new SQLException("the driver does not accept the database URL");
        }
        return connection;
    }

    /** Work on one connection; for SQLite, one at a time within the process. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(Work<T> work) throws SQLException {
        migrate();
        if (dialect == Dialect.SQLITE) {
            sqliteLock.lock();
        }
        try (Connection connection = connect()) {
            return work.run(connection);
        } finally {
            if (dialect == Dialect.SQLITE) {
                sqliteLock.unlock();
            }
        }
    }
}
