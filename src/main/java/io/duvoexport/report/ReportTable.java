package io.duvoexport.report;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A report's rows in memory, for display.
 *
 * <p>Values are as the DuckDB driver returns them: {@code Long} for BIGINT, {@code Double} for
 * DOUBLE, {@code String} for VARCHAR, {@code OffsetDateTime} for TIMESTAMPTZ, {@code null} for
 * NULL. Immutable.
 *
 * @param columns column names, in result order
 * @param types DuckDB type names of the columns, such as {@code BIGINT} or {@code VARCHAR}
 * @param rows the rows, each with one value per column
 */
public record ReportTable(List<String> columns, List<String> types, List<List<Object>> rows) {

    private static final Set<String> NUMERIC_TYPES = Set.of("TINYINT", "SMALLINT", "INTEGER",
            "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT",
            "FLOAT", "DOUBLE", "DECIMAL");

    public ReportTable {
        if (columns.size() != types.size()) {
            throw new IllegalArgumentException("columns and types must have the same size, were "
                    + columns.size() + " and " + types.size());
        }
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        int width = columns.size();
        rows = rows.stream().map(row -> checkedRow(row, width)).toList();
    }

    /** Number of rows. */
    public int rowCount() {
        return rows.size();
    }

    /**
     * Position of a column.
     *
     * @throws IllegalArgumentException when there is no column of that name
     */
    public int columnIndex(String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        return index;
    }

    /** The value of one cell, possibly null. */
    public Object value(int row, String column) {
        return rows.get(row).get(columnIndex(column));
    }

    /** Whether a column holds numbers, judged by its type (DECIMAL(p,s) included). */
    public boolean isNumeric(int column) {
        String type = types.get(column);
        int parenthesis = type.indexOf('(');
        return NUMERIC_TYPES.contains(parenthesis < 0 ? type : type.substring(0, parenthesis));
    }

    /** Reads a whole result set. */
    static ReportTable read(ResultSet result) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
            types.add(meta.getColumnTypeName(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (result.next()) {
            List<Object> row = new ArrayList<>(columns.size());
            for (int i = 1; i <= columns.size(); i++) {
                row.add(result.getObject(i));
            }
            rows.add(row);
        }
        return new ReportTable(columns, types, rows);
    }

    private static List<Object> checkedRow(List<Object> row, int width) {
        if (row.size() != width) {
            throw new IllegalArgumentException(
                    "a row has " + row.size() + " values for " + width + " columns");
        }
        return Collections.unmodifiableList(new ArrayList<>(row));
    }
}
