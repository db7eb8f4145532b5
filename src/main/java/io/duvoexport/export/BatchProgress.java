package io.duvoexport.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a unit stands once a batch is staged, kept in the batch's folder so that a restart
 * resumes from what is staged even when the job repository lost its last commit, and so that the
 * verify step can check that consecutive units join up.
 *
 * @param nextOffset the offset of the unit's next page
 * @param done whether the unit has ended
 * @param headId the id of the unit's first row, which should be the previous unit's last one
 * @param tailIds the ids of the latest page read, in order
 * @param lastTotal the API's {@code total} on the latest page read
 */
public record BatchProgress(
        long nextOffset, boolean done, String headId, List<String> tailIds, long lastTotal) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public BatchProgress {
        // ids of malformed rows are null: keep their places
        tailIds = tailIds == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tailIds));
    }

    String encode() {
        return JSON.writeValueAsString(this);
    }

    static BatchProgress decode(String text) {
        return JSON.readValue(text, BatchProgress.class);
    }
}
