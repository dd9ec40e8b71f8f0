package io.pgqrs.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.pgqrs.Config;
import io.pgqrs.Pgqrs;
import io.pgqrs.QueueWorker;
import io.pgqrs.RunHandle;
import io.pgqrs.Workflow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workflow runs on SQLite: each execution of a run is a span under the trigger's CONSUMER span, and each step a span
 * under the run's, all in the trace of the trigger's PRODUCER span; a step answered from its recorded result says so.
 */
class WorkflowTracingTest {
    private static final AttributeKey<String> STEP = AttributeKey.stringKey("pgqrs.workflow.step.name");
    private static final AttributeKey<Boolean> REPLAYED = AttributeKey.booleanKey("pgqrs.workflow.step.replayed");
    private static final AttributeKey<Long> RUN_ID = AttributeKey.longKey("pgqrs.workflow.run_id");

    @TempDir
    Path dir;

    private Tracing tracing;
    private Pgqrs pgqrs;

    @BeforeEach
    void connect() {
        tracing = Tracing.inMemory();
        pgqrs = Pgqrs.connect(Config.builder("sqlite:" + dir.resolve("runs.db")).pollInterval(Duration.ofMillis(20))
                .observer(PgqrsTelemetry.create(tracing.sdk())).build());
        pgqrs.admin().install();
    }

    @AfterEach
    void close() {
        pgqrs.close();
        tracing.close();
    }

    @Test
    void aRunWithTwoStepsGivesARunSpanAndTwoStepSpansInOneTrace() {
        Workflow<Integer, Integer> double_ = pgqrs.workflows().define("doubling", Integer.class, Integer.class, (ctx, n) -> {
            int plusOne = ctx.step("add", Integer.class, () -> n + 1);
            return ctx.step("double", Integer.class, () -> plusOne * 2);
        });
        RunHandle<Integer> run;
        try (QueueWorker worker = double_.worker().start()) {
            Span request = tracing.sdk().getTracer("test").spanBuilder("POST /double").startSpan();
            try (Scope ignored = request.makeCurrent()) {
                run = double_.trigger(20);
            } finally {
                request.end();
            }
            assertThat(run.result(Duration.ofSeconds(30))).isEqualTo(42);
        }
        assertThat(SpanTree.render(tracing.exporter().getFinishedSpanItems())).isEqualTo("""
                POST /double [INTERNAL]
                  send doubling [PRODUCER]
                    process doubling [CONSUMER]
                      run doubling [INTERNAL]
                        step add [INTERNAL]
                        step double [INTERNAL]
                """);
        SpanData producer = tracing.only(s -> s.getKind() == SpanKind.PRODUCER);
        SpanData consumer = tracing.only(s -> s.getKind() == SpanKind.CONSUMER);
        SpanData runSpan = tracing.only(s -> s.getName().equals("run doubling"));
        List<SpanData> steps = tracing.spans(s -> s.getName().startsWith("step "));

        assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
        assertThat(runSpan.getParentSpanId()).isEqualTo(consumer.getSpanId());
        assertThat(runSpan.getAttributes().get(RUN_ID)).isEqualTo(run.id());
        assertThat(steps).extracting(s -> s.getAttributes().get(STEP)).containsExactly("add", "double");
        assertThat(steps).allSatisfy(s -> {
            assertThat(s.getParentSpanId()).isEqualTo(runSpan.getSpanId());
            assertThat(s.getAttributes().get(REPLAYED)).isFalse();
            assertThat(s.getAttributes().get(RUN_ID)).isEqualTo(run.id());
        });
        assertThat(List.of(producer, consumer, runSpan, steps.get(0), steps.get(1)))
                .extracting(SpanData::getTraceId).containsOnly(producer.getTraceId());
    }

    @Test
    void aStepAnsweredFromItsRecordedResultIsMarkedReplayed() {
        Workflow<Integer, Integer> napping = pgqrs.workflows().define("napping", Integer.class, Integer.class, (ctx, n) -> {
            int plusOne = ctx.step("add", Integer.class, () -> n + 1);
            ctx.sleep("nap", Duration.ofSeconds(1));
            return ctx.step("double", Integer.class, () -> plusOne * 2);
        });
        try (QueueWorker worker = napping.worker().start()) {
            assertThat(napping.trigger(20).result(Duration.ofSeconds(30))).isEqualTo(42);
        }
        List<SpanData> runs = tracing.spans(s -> s.getName().equals("run napping"));
        List<SpanData> steps = tracing.spans(s -> s.getName().startsWith("step "));
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).getEvents()).extracting(e -> e.getName()).containsExactly("pgqrs.postponed");
        assertThat(steps).extracting(s -> s.getAttributes().get(STEP) + " replayed=" + s.getAttributes().get(REPLAYED))
                .containsExactly("add replayed=false", "add replayed=true", "double replayed=false");
        assertThat(steps).extracting(SpanData::getTraceId).containsOnly(runs.get(0).getTraceId());
    }
}
