package io.duvoexport.export;

import java.io.IOException;
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
        return RunColumn.row(v);
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
