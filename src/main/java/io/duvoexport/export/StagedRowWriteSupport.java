package io.duvoexport.export;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Writes rows from their staged bytes ({@link StagedRows}) to Parquet's record consumer: strings
 * go over as slices of the staged buffer, never decoded. The buffer must not change while the
 * writer is open. Same schema and metadata as {@link RunWriteSupport}.
 */
final class StagedRowWriteSupport extends WriteSupport<StagedRows.Cursor> {

    private static final RunColumn[] COLUMNS = RunColumn.values();

    private RecordConsumer consumer;

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(RunParquetSchema.SCHEMA,
                Map.of(RunParquetSchema.VERSION_KEY, Integer.toString(RunParquetSchema.VERSION)));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(StagedRows.Cursor row) {
        consumer.startMessage();
        int mask = row.readInt();
        for (int i = 0; i < COLUMNS.length; i++) {
            if ((mask & (1 << i)) == 0) {
                continue;
            }
            String name = COLUMNS[i].columnName();
            consumer.startField(name, i);
            if (COLUMNS[i].kind() == RunColumn.Kind.STRING) {
                int length = row.readStringLength();
                consumer.addBinary(
                        Binary.fromConstantByteArray(row.bytes(), row.position(), length));
                row.skip(length);
            } else {
                consumer.addLong(row.readLong());
            }
            consumer.endField(name, i);
        }
        consumer.endMessage();
    }
}
