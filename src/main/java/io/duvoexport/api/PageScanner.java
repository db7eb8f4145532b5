package io.duvoexport.api;

import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Finds the runs of a page body without building trees: one pass over the tokens that checks the
 * body is a whole JSON object with a {@code data} array of objects and an integral
 * {@code total}, and notes where each run starts and ends and its {@code id}. Bodies of any other
 * shape (a duplicated key, a run that is not an object, a total that is not a plain integer,
 * malformed JSON) are left to the tree parser, which decides what they are; so this never
 * changes what a page means, it only makes the common page cheaper. Thread-safe.
 */
final class PageScanner {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int INITIAL_RUNS = 128;

    private PageScanner() {}

    /**
     * The page, or null when the body is not a plain page and needs the tree parser.
     *
     * @param decoder decodes each run on the way, or null
     */
    static RunsPage scan(byte[] body, RunsQuery query, RateLimit rateLimit, RunDecoder decoder) {
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            return scan(parser, body, query, rateLimit, decoder);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static RunsPage scan(JsonParser parser, byte[] body, RunsQuery query,
            RateLimit rateLimit, RunDecoder decoder) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Runs runs = null;
        long total = -1;
        boolean sawTotal = false;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken value = parser.nextToken();
            if (name.equals("data")) {
                if (runs != null || value != JsonToken.START_ARRAY) {
                    return null;
                }
                runs = runs(parser, query, decoder);
                if (runs == null) {
                    return null;
                }
            } else if (name.equals("total")) {
                if (sawTotal || value != JsonToken.VALUE_NUMBER_INT
                        || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return null;
                }
                sawTotal = true;
                total = parser.getLongValue();
            } else {
                parser.skipChildren();
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null
                || runs == null || !sawTotal || total < 0) {
            return null;
        }
        return new RunsPage(query, body, Arrays.copyOf(runs.starts, runs.count),
                Arrays.copyOf(runs.ends, runs.count), Arrays.copyOf(runs.ids, runs.count),
                decoder == null ? null : Arrays.copyOf(runs.decoded, runs.count), total,
                rateLimit);
    }

    /** The runs of the data array, the parser on its start; null when one is not an object. */
    private static Runs runs(JsonParser parser, RunsQuery query, RunDecoder decoder) {
        Runs runs = new Runs();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY;
                token = parser.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                return null;
            }
            int start = (int) parser.currentTokenLocation().getByteOffset();
            if (decoder != null) {
                Object decoded = decoder.decode(parser, query);
                // a run the decoder leaves to trees gets its id from its tree, when asked
                runs.add(start, (int) parser.currentLocation().getByteOffset(),
                        decoded == null ? null : decoder.id(decoded), decoded);
                continue;
            }
            String id = null;
            boolean sawId = false;
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken value = parser.nextToken();
                if (name.equals("id")) {
                    if (sawId) {
                        return null;
                    }
                    sawId = true;
                    id = value == JsonToken.VALUE_STRING ? parser.getString() : null;
                }
                parser.skipChildren();
            }
            runs.add(start, (int) parser.currentLocation().getByteOffset(), id, null);
        }
        return runs;
    }

    /** Growable columns of run positions. */
    private static final class Runs {
        int count;
        int[] starts = new int[INITIAL_RUNS];
        int[] ends = new int[INITIAL_RUNS];
        String[] ids = new String[INITIAL_RUNS];
        Object[] decoded = new Object[INITIAL_RUNS];

        void add(int start, int end, String id, Object run) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
                ids = Arrays.copyOf(ids, count * 2);
                decoded = Arrays.copyOf(decoded, count * 2);
            }
            starts[count] = start;
            ends[count] = end;
            ids[count] = id;
            decoded[count++] = run;
        }
    }
}
