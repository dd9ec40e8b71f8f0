package io.pgqrs.s3.internal;

import io.pgqrs.spi.Store;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns every call on a port of the S3 store ({@code messages().claim(…)}, {@code queues().insert(…)} …) into an
 * {@link Operation} on the same port of the local SQLite store, run through the store's {@link Gate}. One generic
 * router instead of a hand-written delegate per port method: the ports stay defined once, in the SPI.
 */
final class PortRouter implements InvocationHandler {
    private final Class<?> port;
    private final Function<Store, ?> portOf;
    private final Predicate<Method> replayable;
    private final Gate gate;

    private PortRouter(Class<?> port, Function<Store, ?> portOf, Predicate<Method> replayable, Gate gate) {
        this.port = port;
        this.portOf = portOf;
        this.replayable = replayable;
        this.gate = gate;
    }

    /**
     * @param port the port interface
     * @param portOf how to reach that port on the local store
     * @param replayable which calls may run again on a newer revision
     * @param gate the gate
     * @param <P> the port type
     * @return the port of the S3 store
     */
    static <P> P route(Class<P> port, Function<Store, P> portOf, Predicate<Method> replayable, Gate gate) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port},
                new PortRouter(port, portOf, replayable, gate)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "S3 " + port.getSimpleName();
            };
        }
        String name = port.getSimpleName() + "." + method.getName();
        return gate.run(new Operation<>(name, replayable.test(method), store -> call(portOf.apply(store), method, args),
                result -> MessageWrites.count(method, result)));
    }

    private static Object call(Object target, Method method, Object[] args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw Causes.rethrown(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method + " on the local store", e);
        }
    }
}
