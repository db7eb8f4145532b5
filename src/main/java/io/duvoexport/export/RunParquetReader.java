package io.duvoexport.export;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;

/** Reads back a file written by {@link RunParquetWriter}. */
public final class RunParquetReader {

    private static final RunColumn[] COLUMNS = RunColumn.values();

    private RunParquetReader() {}

    /** Every row of the file, in file order. */
    public static List<RunRow> readAll(Path path, Configuration conf) throws IOException {
        List<RunRow> rows = new ArrayList<>();
        try (ParquetReader<Group> reader =
                new Builder(HadoopInputFile.fromPath(path, conf)).withConf(conf).build()) {
            for (Group group = reader.read(); group != null; group = reader.read()) {
                rows.add(toRow(group));
            }
        }
        return rows;
    }

    private static RunRow toRow(Group g) {
        Object[] v = new Object[COLUMNS.length];
        for (int i = 0; i < COLUMNS.length; i++) {
            if (g.getFieldRepetitionCount(i) == 0) {
                continue;
            }
            v[i] = switch (COLUMNS[i].kind()) {
                case STRING -> g.getString(i, 0);
                case INT64 -> g.getLong(i, 0);
                case TIMESTAMP -> RunColumn.fromMicros(g.getLong(i, 0));
            };
        }
        return new RunRow((String) v[0], (String) v[1], (Long) v[2], (String) v[3],
                (String) v[4], (String) v[5], (String) v[6], (String) v[7], (String) v[8],
                (String) v[9], (String) v[10], (String) v[11], (String) v[12], (String) v[13],
                (Instant) v[14], (Instant) v[15], (Instant) v[16], (Instant) v[17],
                (Instant) v[18], (Long) v[19], (String) v[20], (Long) v[21], (Long) v[22],
                (Long) v[23], (String) v[24], (Long) v[25], (Long) v[26], (Long) v[27],
                (Instant) v[28]);
    }

    private static final class Builder extends ParquetReader.Builder<Group> {

        Builder(InputFile file) {
            super(file);
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
