package io.duvoexport.export;

import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Parquet's own record-at-a-time path for runs: the reference {@link RunParquetWriter}'s files
 * are compared with.
 */
final class RecordPathWriteSupport extends WriteSupport<RunRow> {

    private static final RunColumn[] COLUMNS = RunColumn.values();

    private RecordConsumer consumer;

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(RunParquetSchema.SCHEMA, RunParquetWriter.METADATA);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(RunRow row) {
        consumer.startMessage();
        for (int i = 0; i < COLUMNS.length; i++) {
            Object value = COLUMNS[i].valueOf(row);
            if (value == null) {
                continue;
            }
            consumer.startField(COLUMNS[i].columnName(), i);
            switch (COLUMNS[i].kind()) {
                case STRING -> consumer.addBinary(Binary.fromString((String) value));
                case INT64 -> consumer.addLong((Long) value);
                case TIMESTAMP -> consumer.addLong(RunColumn.toMicros((Instant) value));
            }
            consumer.endField(COLUMNS[i].columnName(), i);
        }
        consumer.endMessage();
    }
}
