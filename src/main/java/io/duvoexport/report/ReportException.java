package io.duvoexport.report;

/**
 * A report could not be produced or read: its SQL failed, the dataset could not be read, or its
 * files could not be written. The message names the report file or path at fault.
 */
public class ReportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
