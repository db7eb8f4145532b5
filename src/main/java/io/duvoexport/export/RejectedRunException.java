package io.duvoexport.export;

/** A run that breaks the contract; the message names the field and the fault. */
public final class RejectedRunException extends Exception {

    public RejectedRunException(String reason) {
        super(reason, null, false, false);
    }
}
