package io.pgqrs.spring;

import io.pgqrs.Message;
import io.pgqrs.MessageProcessor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.springframework.util.ReflectionUtils;

/** Calls a {@link PgqrsListener} method with the message, or its payload bound to the parameter's type. */
final class ListenerMethodInvoker implements MessageProcessor {
    private final Object bean;
    private final Method method;
    private final Class<?> parameter;

    ListenerMethodInvoker(Object bean, Method method) {
        this.bean = bean;
        this.method = method;
        this.parameter = method.getParameterTypes()[0];
        ReflectionUtils.makeAccessible(method);
    }

    @Override
    public void process(Message message) throws Exception {
        Object argument = parameter == Message.class ? message : message.payload(parameter);
        try {
            method.invoke(bean, argument);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw e;
        }
    }
}
