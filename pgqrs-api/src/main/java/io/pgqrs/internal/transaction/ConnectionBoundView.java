package io.pgqrs.internal.transaction;

import io.pgqrs.Capability;
import io.pgqrs.ErrorKind;
import io.pgqrs.PgqrsException;
import io.pgqrs.internal.Engine;
import io.pgqrs.spi.CallerTransactions;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/**
 * Makes a producer or consumer view whose every call runs on the caller's connection, so that the handle's whole
 * interface (today's methods and those added later) joins the caller's transaction without a hand-written
 * delegate per method. The view shares the handle's worker row and does not own it: its {@code close()} does
 * nothing.
 *
 * @param <H> the handle's interface
 */
public final class ConnectionBoundView<H> implements InvocationHandler {
    private final Class<H> type;
    private final H handle;
    private final CallerTransactions transactions;
    private final Connection connection;

    private ConnectionBoundView(Class<H> type, H handle, CallerTransactions transactions, Connection connection) {
        this.type = type;
        this.handle = handle;
        this.transactions = transactions;
        this.connection = connection;
    }

    /**
     * @param type the handle's interface ({@code Producer} or {@code Consumer})
     * @param handle the handle
     * @param engine its connection to the store
     * @param connection the caller's connection
     * @param <H> the handle's interface
     * @return the view
     * @throws PgqrsException {@code UNSUPPORTED} when the store cannot run calls on a caller's connection;
     *         {@code INVALID_CONNECTION} when {@code connection} is null
     */
    public static <H> H of(Class<H> type, H handle, Engine engine, Connection connection) {
        CallerTransactions transactions = engine.store().unwrap(CallerTransactions.class)
                .orElseThrow(() -> PgqrsException.unsupported(Capability.CALLER_TRANSACTIONS, engine.store().backendName(),
                        "its store is not a database the application connects to, so there is no transaction of the "
                                + "application's to join; enqueue after your commit instead, or use a PostgreSQL, SQLite "
                                + "or MariaDB store"));
        if (connection == null) {
            throw PgqrsException.invalidConnection("no connection was given (null)", null);
        }
        return bind(type, handle, transactions, connection);
    }

    private static <H> H bind(Class<H> type, H handle, CallerTransactions transactions, Connection connection) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new ConnectionBoundView<>(type, handle, transactions, connection)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> type.getSimpleName() + " " + handle + " on the caller's connection";
            };
        }
        if (method.getName().equals("close") && method.getParameterCount() == 0) {
            return null;
        }
        if (method.getName().equals("withConnection")) {
            return call(method, args);
        }
        Object result = transactions.onConnection(connection, () -> call(method, args));
        // A derived handle (withClock) stays on the caller's connection.
        return type.isInstance(result) && result != handle
                ? bind(type, type.cast(result), transactions, connection)
                : result;
    }

    private Object call(Method method, Object[] args) {
        try {
            return method.invoke(handle, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw PgqrsException.of(ErrorKind.INTERNAL, "Internal: " + method.getName() + " threw " + cause, cause);
        } catch (IllegalAccessException e) {
            throw PgqrsException.of(ErrorKind.INTERNAL, "Internal: cannot call " + method, e);
        }
    }
}
