package io.github.stagingtarget.example.todo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;

/**
 * A few reusable JDBC connections and a transaction helper.
 *
 * <p>Deliberately tiny instead of a pool library: the CLI must start fast, and the app needs only two things from a
 * pool. First, keep a connection open, because an embedded H2 database closes (and gives up its
 * {@code AUTO_SERVER} role) when its last connection does. Second, replace connections that broke, e.g. after a
 * PostgreSQL restart. Sequential work, like a chain of CLI commands, reuses one connection.
 */
final class Database implements AutoCloseable {

    /** Work done inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private static final int MAX_IDLE = 8;
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final String url;
    private final String maskedUrl;
    private final Properties credentials = new Properties();
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    Database(AppSettings settings) {
        this.url = settings.jdbcUrl();
        this.maskedUrl = settings.maskedJdbcUrl();
        settings.jdbcUser().ifPresent(user -> credentials.setProperty("user", user));
        settings.jdbcPassword().ifPresent(password -> credentials.setProperty("password", password));
    }

    /** Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Work<T> work) throws SQLException {
        Connection connection = borrow();
        boolean healthy = false;
        try {
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.apply(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
            connection.setAutoCommit(true);
            healthy = true;
            return result;
        } finally {
            giveBack(connection, healthy);
        }
    }

    /** {@code SELECT 1} on a fresh or validated connection; what {@code /health} reports. */
    boolean answers() {
        try {
            return inTransaction(connection -> {
                try (var statement = connection.createStatement();
                        var result = statement.executeQuery("SELECT 1")) {
                    return result.next();
                }
            });
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        idle.forEach(Database::closeQuietly);
        idle.clear();
    }

    private Connection borrow() throws SQLException {
        while (true) {
            Connection candidate;
            synchronized (this) {
                if (closed) {
                    throw new SQLException("Database " + maskedUrl + " is closed");
                }
                candidate = idle.pollFirst();
            }
            if (candidate == null) {
                return connect();
            }
            if (isValid(candidate)) {
                return candidate;
            }
            closeQuietly(candidate);
        }
    }

    private Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection(url, credentials);
        } catch (SQLException e) {
            throw new SQLException("Cannot connect to " + maskedUrl + ": " + e.getMessage(), e.getSQLState(), e);
        }
    }

    private void giveBack(Connection connection, boolean healthy) {
        synchronized (this) {
            if (healthy && !closed && idle.size() < MAX_IDLE) {
                idle.addFirst(connection);
                return;
            }
        }
        closeQuietly(connection);
    }

    private static boolean isValid(Connection connection) {
        try {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // The connection is being dropped anyway; nothing useful can be done with the failure.
        }
    }
}
