package io.duvoexport.api;

import tools.jackson.core.JsonParser;

/**
 * Turns each run of a page into the caller's own form while the client reads the page, so that
 * a page is parsed once. Implementations are thread-safe: every worker's pages pass through one.
 */
public interface RunDecoder {

    /**
     * Decodes one run.
     *
     * @param parser on the run's {@code START_OBJECT}; must be left on its {@code END_OBJECT}
     * @param query the request of the page
     * @return the run in the caller's form, or null to leave it to JSON trees
     *     ({@link RunsPage#run(int)})
     */
    Object decode(JsonParser parser, RunsQuery query);

    /** The {@code id} of a run this decoder decoded. */
    String id(Object decoded);
}
