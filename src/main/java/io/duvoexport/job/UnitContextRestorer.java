package io.duvoexport.job;

import io.duvoexport.export.ExportPlan;
import io.duvoexport.export.FetchUnit;
import io.duvoexport.export.Storage;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Describes a fetch unit again in its partition's execution context when the context came back
 * empty: a process killed while the partitions were being recorded can leave a partition whose
 * context was never saved, and its restart would not know its unit. The unit is found in the
 * export's plan by the partition's name, which is the unit's.
 */
final class UnitContextRestorer implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(UnitContextRestorer.class);

    private final Storage storage;

    UnitContextRestorer(Storage storage) {
        this.storage = storage;
    }

    @Override
    public void beforeStep(StepExecution step) {
        ExecutionContext context = step.getExecutionContext();
        if (context.containsKey(UnitPageReader.UNIT_NAME)) {
            return;
        }
        String unitName = unitName(step.getStepName());
        ExportPlan plan = PlanCodec.load(storage, step.getJobExecution().getJobInstanceId());
        FetchUnit unit = plan.units().stream().filter(u -> u.name().equals(unitName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("partition " + step.getStepName()
                        + " names no unit of the export's plan"));
        for (Map.Entry<String, Object> entry : UnitPageReader.describe(unit).entrySet()) {
            context.put(entry.getKey(), entry.getValue());
        }
        log.warn("partition {} had lost its unit description (a process killed while recording "
                + "it); described it again from the plan", step.getStepName());
    }

    /** The partition step {@code fetchUnit:all-3} reads the unit {@code all-3}. */
    static String unitName(String stepName) {
        return stepName.substring(stepName.indexOf(':') + 1);
    }
}
