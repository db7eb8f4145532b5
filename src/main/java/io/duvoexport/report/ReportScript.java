package io.duvoexport.report;

import java.util.regex.Pattern;

/**
 * One report: a file {@code <name>.sql} holding a single SELECT query over {@code runs}.
 *
 * @param name the file name without {@code .sql}; names the report's folder and files
 * @param location where the file was read from, for messages
 * @param sql the file's text
 */
record ReportScript(String name, String location, String sql) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

    ReportScript {
        if (!isValidName(name)) {
            throw new ReportException("report file " + location + " has a name that cannot name"
                    + " a folder: use letters, digits, '_' and '-' before '.sql'");
        }
    }

    /** Whether {@code name} can name a report: letters, digits, '_' and '-', no leading '-'. */
    static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    /** The report name for a file name ending in {@code .sql}. */
    static String nameOf(String fileName) {
        return fileName.substring(0, fileName.length() - ".sql".length());
    }
}
