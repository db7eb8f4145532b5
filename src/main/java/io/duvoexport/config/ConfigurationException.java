package io.duvoexport.config;

/** A missing or invalid setting; the message names it and says what to do. */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }
}
