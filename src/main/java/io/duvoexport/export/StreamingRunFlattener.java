package io.duvoexport.export;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Flattens the runs of a page body straight from its tokens, without JSON trees: the fast path
 * of {@link RunFlattener}, for runs of the usual shape.
 *
 * <p>It gives the same row as {@link RunFlattener} for every run it accepts, and declines (null)
 * every run it is not sure about: a field of an unexpected JSON type, a number that is not a
 * plain 64-bit integer, a negative count, {@code passed} over {@code total}, a repeated field, a
 * missing or blank {@code id} or {@code created_at}, a timestamp that does not parse. The caller
 * then flattens that run with {@link RunFlattener}, which accepts it or rejects it with the
 * reason. Not thread-safe: one instance per thread.
 */
final class StreamingRunFlattener {

    private static final JsonFactory JSON = new JsonFactory();

    // field slots, also bit positions in the mask of fields seen
    private static final int ID = 0;
    private static final int CREATED_AT = 1;
    private static final int UPDATED_AT = 2;
    private static final int STARTED_AT = 3;
    private static final int COMPLETED_AT = 4;
    private static final int POSTPONED_TO = 5;
    private static final int STATUS = 6;
    private static final int SOURCE = 7;
    private static final int TITLE = 8;
    private static final int RUN_NUMBER = 9;
    private static final int AGENT_ID = 10;
    private static final int AGENT_NAME = 11;
    private static final int BUILD_ID = 12;
    private static final int USER_ID = 13;
    private static final int CASE_QUEUE_ITEM_ID = 14;
    private static final int CASE_QUEUE_ID = 15;
    private static final int CASE_QUEUE_NAME = 16;
    private static final int CASE_TITLE = 17;
    private static final int SUBMITTED_PROMPT_COUNT = 18;
    private static final int EVAL = 19;
    private static final int UNKNOWN = -1;

    private final String[] texts = new String[EVAL];
    private final Instant[] times = new Instant[EVAL];
    private final Long[] numbers = new Long[EVAL];
    private String evalStatus;
    private String evalComment;
    private Long evalPassed;
    private Long evalTotal;
    private Long critical;
    private Long medium;
    private Long low;
    private boolean declined;

    /** Receives each run of a page, in order. */
    interface Sink {
        /** @param row the flattened run, or null when the fast path declined it */
        void accept(int index, RunRow row) throws Exception;
    }

    /**
     * Flattens every run of the page body's {@code data} array.
     *
     * @param body a page body the API client accepted as a plain page
     */
    void flattenPage(byte[] body, String teamId, String listedStatus, Instant exportedAt,
            Sink sink) throws Exception {
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            parser.nextToken();
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken value = parser.nextToken();
                if (!name.equals("data") || value != JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                int index = 0;
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    sink.accept(index++, decode(parser, teamId, listedStatus, exportedAt));
                }
            }
        }
    }

    /**
     * One run, or null when declined; the parser is on its START_OBJECT and is left on its
     * END_OBJECT.
     */
    RunRow decode(JsonParser parser, String teamId, String listedStatus, Instant exportedAt) {
        clear();
        int seen = 0;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken token = parser.nextToken();
            int slot = slot(name);
            if (slot == UNKNOWN) {
                parser.skipChildren();
                continue;
            }
            if ((seen & (1 << slot)) != 0) {
                declined = true;
            }
            seen |= 1 << slot;
            read(parser, token, slot);
        }
        String id = texts[ID];
        Instant createdAt = times[CREATED_AT];
        if (declined || id == null || id.isBlank() || createdAt == null
                || (evalPassed != null && evalTotal != null && evalPassed > evalTotal)) {
            return null;
        }
        String status = texts[STATUS];
        return new RunRow(id, teamId, numbers[RUN_NUMBER],
                status != null ? status : listedStatus, texts[TITLE], texts[SOURCE],
                texts[AGENT_ID], texts[AGENT_NAME], texts[BUILD_ID], texts[USER_ID],
                texts[CASE_QUEUE_ID], texts[CASE_QUEUE_NAME], texts[CASE_QUEUE_ITEM_ID],
                texts[CASE_TITLE], createdAt, times[UPDATED_AT], times[STARTED_AT],
                times[COMPLETED_AT], times[POSTPONED_TO], numbers[SUBMITTED_PROMPT_COUNT],
                evalStatus, evalPassed, evalTotal,
                evalPassed == null || evalTotal == null ? null : evalTotal - evalPassed,
                evalComment, critical, medium, low, exportedAt);
    }

    private void read(JsonParser parser, JsonToken token, int slot) {
        switch (slot) {
            case CREATED_AT, UPDATED_AT, STARTED_AT, COMPLETED_AT, POSTPONED_TO ->
                    times[slot] = timestamp(parser, token);
            case RUN_NUMBER -> numbers[slot] = integer(parser, token, false);
            case SUBMITTED_PROMPT_COUNT -> numbers[slot] = integer(parser, token, true);
            case EVAL -> eval(parser, token);
            default -> texts[slot] = text(parser, token);
        }
    }

    private void eval(JsonParser parser, JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            decline(parser);
            return;
        }
        int seen = 0;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            int bit = switch (name) {
                case "passed" -> 1;
                case "total" -> 2;
                case "status" -> 4;
                case "final_comment" -> 8;
                case "severityCounts" -> 16;
                default -> 0;
            };
            if ((seen & bit) != 0) {
                declined = true;
            }
            seen |= bit;
            switch (bit) {
                case 1 -> evalPassed = integer(parser, value, true);
                case 2 -> evalTotal = integer(parser, value, true);
                case 4 -> evalStatus = text(parser, value);
                case 8 -> evalComment = text(parser, value);
                case 16 -> severity(parser, value);
                default -> parser.skipChildren();
            }
        }
    }

    private void severity(JsonParser parser, JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        if (token != JsonToken.START_OBJECT) {
            decline(parser);
            return;
        }
        int seen = 0;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            int bit = switch (name) {
                case "critical" -> 1;
                case "medium" -> 2;
                case "low" -> 4;
                default -> 0;
            };
            if ((seen & bit) != 0) {
                declined = true;
            }
            seen |= bit;
            switch (bit) {
                case 1 -> critical = integer(parser, value, true);
                case 2 -> medium = integer(parser, value, true);
                case 4 -> low = integer(parser, value, true);
                default -> parser.skipChildren();
            }
        }
    }

    private String text(JsonParser parser, JsonToken token) {
        if (token == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        if (token != JsonToken.VALUE_NULL) {
            decline(parser);
        }
        return null;
    }

    private Long integer(JsonParser parser, JsonToken token, boolean count) {
        if (token == JsonToken.VALUE_NUMBER_INT
                && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long value = parser.getLongValue();
            if (count && value < 0) {
                declined = true;
            }
            return value;
        }
        if (token != JsonToken.VALUE_NULL) {
            decline(parser);
        }
        return null;
    }

    private Instant timestamp(JsonParser parser, JsonToken token) {
        String text = text(parser, token);
        if (text == null) {
            return null;
        }
        try {
            return Rfc3339.parse(text);
        } catch (DateTimeParseException e) {
            declined = true;
            return null;
        }
    }

    private void decline(JsonParser parser) {
        declined = true;
        parser.skipChildren();
    }

    private void clear() {
        Arrays.fill(texts, null);
        Arrays.fill(times, null);
        Arrays.fill(numbers, null);
        evalStatus = null;
        evalComment = null;
        evalPassed = null;
        evalTotal = null;
        critical = null;
        medium = null;
        low = null;
        declined = false;
    }

    private static int slot(String name) {
        return switch (name) {
            case "id" -> ID;
            case "created_at" -> CREATED_AT;
            case "updated_at" -> UPDATED_AT;
            case "started_at" -> STARTED_AT;
            case "completed_at" -> COMPLETED_AT;
            case "postponed_to" -> POSTPONED_TO;
            case "status" -> STATUS;
            case "source" -> SOURCE;
            case "title" -> TITLE;
            case "run_number" -> RUN_NUMBER;
            case "agent_id" -> AGENT_ID;
            case "agent_name" -> AGENT_NAME;
            case "build_id" -> BUILD_ID;
            case "user_id" -> USER_ID;
            case "case_queue_item_id" -> CASE_QUEUE_ITEM_ID;
            case "case_queue_id" -> CASE_QUEUE_ID;
            case "case_queue_name" -> CASE_QUEUE_NAME;
            case "case_title" -> CASE_TITLE;
            case "submitted_prompt_count" -> SUBMITTED_PROMPT_COUNT;
            case "eval_summaries" -> EVAL;
            default -> UNKNOWN;
        };
    }
}
