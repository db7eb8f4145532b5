package io.duvoexport.api;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One page as the API returned it.
 *
 * <p>A page read from the wire keeps its body and where each run sits in it: the runs are parsed
 * into trees only when {@link #runs()} or {@link #run(int)} asks, so that the export can flatten
 * each run straight from its bytes ({@link #runBytes}). A page built from trees (tests, tools)
 * holds them as given. Either way the runs are untouched: validation is the flattener's job.
 * Not thread-safe while trees are being parsed; a page belongs to one worker.
 */
public final class RunsPage {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RunsQuery query;
    private final long total;
    private final RateLimit rateLimit;
    private final byte[] body;
    private final int[] starts;
    private final int[] ends;
    private final String[] ids;
    private final Object[] decoded;
    private final JsonNode[] trees;

    /**
     * @param query the request that produced it
     * @param runs the {@code data} array's elements, untouched
     * @param total the API's count of runs matching the filters, over all pages
     * @param rateLimit the response's rate-limit headers
     */
    public RunsPage(RunsQuery query, List<JsonNode> runs, long total, RateLimit rateLimit) {
        this.query = Objects.requireNonNull(query, "query");
        this.total = total;
        this.rateLimit = rateLimit;
        this.body = null;
        this.starts = null;
        this.ends = null;
        this.trees = runs.toArray(JsonNode[]::new);
        this.decoded = null;
        this.ids = new String[trees.length];
        for (int i = 0; i < trees.length; i++) {
            JsonNode id = trees[i] == null ? null : trees[i].get("id");
            ids[i] = id == null || !id.isString() ? null : id.asString();
        }
    }

    /**
     * A page over its body: run {@code i} is {@code body[starts[i], ends[i])}; {@code decoded},
     * when not null, holds what the client's {@link RunDecoder} made of each run (null where it
     * declined, and there the id is taken from the run's tree when asked).
     */
    RunsPage(RunsQuery query, byte[] body, int[] starts, int[] ends, String[] ids,
            Object[] decoded, long total, RateLimit rateLimit) {
        this.query = query;
        this.total = total;
        this.rateLimit = rateLimit;
        this.body = body;
        this.starts = starts;
        this.ends = ends;
        this.ids = ids;
        this.decoded = decoded;
        this.trees = new JsonNode[starts.length];
        if (decoded != null) {
            for (int i = 0; i < ids.length; i++) {
                if (decoded[i] == null) {
                    JsonNode id = run(i).get("id");
                    ids[i] = id == null || !id.isString() ? null : id.asString();
                }
            }
        }
    }

    public RunsQuery query() {
        return query;
    }

    public long total() {
        return total;
    }

    public RateLimit rateLimit() {
        return rateLimit;
    }

    /** Runs on the page. */
    public int size() {
        return trees.length;
    }

    /** The runs as JSON trees, parsed on first use. */
    public List<JsonNode> runs() {
        return new AbstractList<>() {
            @Override
            public JsonNode get(int index) {
                return run(index);
            }

            @Override
            public int size() {
                return trees.length;
            }
        };
    }

    /** Run {@code index} as a JSON tree, parsed on first use. */
    public JsonNode run(int index) {
        JsonNode tree = trees[index];
        if (tree == null && body != null) {
            tree = JSON.readTree(Arrays.copyOfRange(body, starts[index], ends[index]));
            trees[index] = tree;
        }
        return tree;
    }

    /** The id of each run in page order; null where a run has no string {@code id}. */
    public List<String> ids() {
        return Collections.unmodifiableList(Arrays.asList(ids));
    }

    /** Whether the client's decoder decoded the runs ({@link #decoded(int)}). */
    public boolean isDecoded() {
        return decoded != null;
    }

    /** What the client's decoder made of run {@code index}, or null where it declined. */
    public Object decoded(int index) {
        return decoded == null ? null : decoded[index];
    }

    /** Whether the runs' bytes are at hand ({@link #runBytes}), i.e. the page came off the wire. */
    public boolean hasBytes() {
        return body != null;
    }

    /** The whole body; run {@code i} spans {@link #runStart(int)} to {@link #runEnd(int)}. */
    public byte[] runBytes() {
        return body;
    }

    public int runStart(int index) {
        return starts[index];
    }

    public int runEnd(int index) {
        return ends[index];
    }

    /** True when the page holds fewer runs than asked for: nothing follows it. */
    public boolean isLast() {
        return size() < query.limit();
    }

    /** For logs and test failures: the page's place and size, never its content. */
    @Override
    public String toString() {
        return "RunsPage[offset=" + query.offset() + ", runs=" + size() + ", total=" + total + "]";
    }
}
