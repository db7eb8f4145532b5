package io.duvoexport.export;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/** The Parquet schema of a runs file, derived from {@link RunColumn}. */
public final class RunParquetSchema {

    /** Bumped whenever a column is added, removed or retyped; recorded in every file. */
    public static final int VERSION = 1;

    public static final String VERSION_KEY = "duvo.runs.schema.version";

    public static final MessageType SCHEMA = build();

    private RunParquetSchema() {}

    private static MessageType build() {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (RunColumn column : RunColumn.values()) {
            Repetition repetition = column.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
            switch (column.kind()) {
                case STRING -> message.primitive(PrimitiveTypeName.BINARY, repetition)
                        .as(LogicalTypeAnnotation.stringType())
                        .named(column.columnName());
                case INT64 -> message.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.intType(64, true))
                        .named(column.columnName());
                case TIMESTAMP -> message.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(
                                true, LogicalTypeAnnotation.TimeUnit.MICROS))
                        .named(column.columnName());
            }
        }
        return message.named("run");
    }
}
