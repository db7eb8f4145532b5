package io.duvoexport.job;

import io.duvoexport.export.ExportPlan;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Stores an {@link ExportPlan} in the job's execution context as JSON text. */
final class PlanCodec {

    static final String KEY = "export.plan";

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private PlanCodec() {}

    static String encode(ExportPlan plan) {
        return JSON.writeValueAsString(plan);
    }

    static ExportPlan decode(String text) {
        if (text == null) {
            throw new IllegalStateException("the job's execution context holds no export plan");
        }
        return JSON.readValue(text, ExportPlan.class);
    }
}
