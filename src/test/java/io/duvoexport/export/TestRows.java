package io.duvoexport.export;

import java.time.Instant;

/** Small factory of rows for tests. */
public final class TestRows {

    public static final Instant EXPORTED_AT = Instant.parse("2026-12-03T02:00:00Z");

    private TestRows() {}

    /** A run with every field set. */
    public static RunRow full(String id, Instant createdAt) {
        return new RunRow(id, "team-1", 7L, "completed", "Title, \"quoted\"\nline 2 ✓ שלום",
                "api", "agent-1", "Agent One", "build-1", "user-1", "queue-1", "Queue One",
                "item-1", "Case", createdAt, createdAt.plusSeconds(60), createdAt.plusSeconds(1),
                createdAt.plusSeconds(30), createdAt.plusSeconds(3600), 4503599627370495L,
                "ready", 3L, 5L, 2L, "two rubrics failed", 1L, 0L, 4503599627370495L,
                EXPORTED_AT);
    }

    /** A run with only the required fields set. */
    public static RunRow minimal(String id, Instant createdAt) {
        return new RunRow(id, "team-1", null, null, null, null, null, null, null, null, null,
                null, null, null, createdAt, null, null, null, null, null, null, null, null, null,
                null, null, null, null, EXPORTED_AT);
    }
}
