package io.duvoexport.export;

import io.duvoexport.api.RunDecoder;
import io.duvoexport.api.RunsQuery;
import java.time.Instant;
import tools.jackson.core.JsonParser;

/**
 * Flattens each run into a {@link RunRow} while the API client reads the page
 * ({@link StreamingRunFlattener}), so that the page is parsed once. Declined runs are left to
 * {@link RunFlattener} at staging. The rows' {@code exported_at} is not known to the client: it
 * is {@link #UNSTAMPED} here and stamped at staging ({@link PageStager}). Thread-safe.
 */
public final class RunRowDecoder implements RunDecoder {

    /** The {@code exported_at} of decoded rows until staging stamps the export's. */
    static final Instant UNSTAMPED = Instant.EPOCH;

    private final String teamId;
    private final ThreadLocal<StreamingRunFlattener> flatteners =
            ThreadLocal.withInitial(StreamingRunFlattener::new);

    /** @param teamId the team exported, written on every row */
    public RunRowDecoder(String teamId) {
        this.teamId = teamId;
    }

    @Override
    public Object decode(JsonParser parser, RunsQuery query) {
        String listedStatus =
                query.filter().status() == null ? null : query.filter().status().wireName();
        return flatteners.get().decode(parser, teamId, listedStatus, UNSTAMPED);
    }

    @Override
    public String id(Object decoded) {
        return ((RunRow) decoded).id();
    }
}
