package io.pgqrs.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;

/** The attribute keys of pgqrs spans: the messaging semantic conventions' and pgqrs's own, named once. */
final class SpanAttributes {
    static final String SYSTEM = "pgqrs";

    static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
    static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<Long> BATCH_COUNT = AttributeKey.longKey("messaging.batch.message_count");

    static final AttributeKey<Long> READ_COUNT = AttributeKey.longKey("pgqrs.message.read_ct");
    static final AttributeKey<String> WORKFLOW = AttributeKey.stringKey("pgqrs.workflow.name");
    static final AttributeKey<Long> RUN_ID = AttributeKey.longKey("pgqrs.workflow.run_id");
    static final AttributeKey<String> STEP = AttributeKey.stringKey("pgqrs.workflow.step.name");
    static final AttributeKey<Boolean> REPLAYED = AttributeKey.booleanKey("pgqrs.workflow.step.replayed");
    static final AttributeKey<String> POSTPONE_REASON = AttributeKey.stringKey("pgqrs.postpone.reason");

    private SpanAttributes() {
    }
}
