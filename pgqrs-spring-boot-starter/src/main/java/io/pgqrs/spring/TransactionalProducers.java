package io.pgqrs.spring;

import io.pgqrs.Pgqrs;
import io.pgqrs.Producer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Producers whose enqueues join the Spring-managed transaction of the application's {@link DataSource}: inside a
 * {@code @Transactional} method, a message is stored on that transaction's connection, so it becomes visible when the
 * transaction commits and is gone when it rolls back (the transactional outbox). Outside a transaction each call runs
 * on a connection of its own and commits by itself.
 *
 * <pre>{@code
 * @Transactional
 * public void placeOrder(Order order) {
 *     orders.save(order);
 *     producers.producer("emails").enqueue(new Confirmation(order.id()));   // commits or rolls back with the order
 * }
 * }</pre>
 *
 * <p>The store and the data source must be the same database (and schema): a call on another database is refused
 * ({@code INVALID_CONNECTION}) before anything is written. Each queue's producer is registered once, on the store's
 * own connections, when it is first asked for.
 */
public final class TransactionalProducers {
    private final Pgqrs pgqrs;
    private final DataSource dataSource;
    private final Map<String, Producer> producers = new ConcurrentHashMap<>();

    /**
     * @param pgqrs the connection whose producers are used
     * @param dataSource the data source whose Spring-managed transactions they join
     */
    public TransactionalProducers(Pgqrs pgqrs, DataSource dataSource) {
        this.pgqrs = pgqrs;
        this.dataSource = dataSource;
    }

    /**
     * @param queue a queue
     * @return a producer on it whose every call runs on the current transaction's connection; {@code close()} does
     *         nothing (the producer lives as long as this bean)
     */
    public Producer producer(String queue) {
        Producer registered = producers.computeIfAbsent(queue, pgqrs::producer);
        return (Producer) Proxy.newProxyInstance(Producer.class.getClassLoader(), new Class<?>[] {Producer.class},
                new OnTransactionConnection(registered, dataSource));
    }

    /** Runs each producer call on the connection {@link DataSourceUtils} gives: the transaction's, or a new one. */
    private record OnTransactionConnection(Producer producer, DataSource dataSource) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "transactional " + producer;
                };
            }
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                return null;
            }
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                return method.invoke(producer.withConnection(connection), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
    }
}
