package io.duvoexport.job;

/** The exported data failed a check (too many rejects, say); nothing was published. */
public class DataCheckException extends RuntimeException {

    public DataCheckException(String message) {
        super(message);
    }
}
