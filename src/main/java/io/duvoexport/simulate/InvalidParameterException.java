package io.duvoexport.simulate;

/** A query parameter the endpoint refuses; the message names it and says what is accepted. */
final class InvalidParameterException extends RuntimeException {
    InvalidParameterException(String message) {
        super(message, null, false, false);
    }
}
