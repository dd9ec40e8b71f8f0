package io.pgqrs.spring;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds {@link PgqrsListener} methods on beans as they are initialised and turns each into a
 * {@link PgqrsWorkerDefinition}; {@link PgqrsWorkers} starts them. A method with other than one parameter fails
 * start-up naming it.
 */
public class PgqrsListenerAnnotationProcessor implements BeanPostProcessor {
    private final List<PgqrsWorkerDefinition> definitions = new ArrayList<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = AopUtils.getTargetClass(bean);
        Map<Method, PgqrsListener> annotated = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<PgqrsListener>) m ->
                        AnnotatedElementUtils.findMergedAnnotation(m, PgqrsListener.class));
        annotated.forEach((method, listener) -> register(bean, beanName, method, listener));
        return bean;
    }

    private void register(Object bean, String beanName, Method method, PgqrsListener listener) {
        String source = "@PgqrsListener method " + method.getDeclaringClass().getSimpleName() + "." + method.getName()
                + " (bean '" + beanName + "')";
        if (method.getParameterCount() != 1) {
            throw new IllegalStateException(source + " must take exactly one parameter: io.pgqrs.Message or the "
                    + "payload's type; it takes " + method.getParameterCount());
        }
        Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        ListenerMethodInvoker invoker = new ListenerMethodInvoker(bean, invocable);
        synchronized (definitions) {
            definitions.add(new PgqrsWorkerDefinition(listener.queue(), source,
                    worker -> worker.concurrency(listener.concurrency()).prefetch(listener.prefetch())
                            .handler(invoker)));
        }
    }

    /** @return the listener methods found so far, as worker definitions */
    public List<PgqrsWorkerDefinition> definitions() {
        synchronized (definitions) {
            return List.copyOf(definitions);
        }
    }
}
