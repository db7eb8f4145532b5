package io.duvoexport.api;

import java.util.Locale;

/** Direction of the API's only sort key, {@code created_at}. */
public enum SortOrder {
    ASC,
    DESC;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
