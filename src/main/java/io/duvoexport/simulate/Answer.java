package io.duvoexport.simulate;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response before it is sent, and how it goes on the wire.
 *
 * @param status HTTP status code
 * @param body the whole body (JSON unless a {@code Content-Type} header says otherwise)
 * @param headers extra headers, set over the default {@code Content-Type}; mutable
 * @param delivery how the body is sent
 * @param sentBytes for {@link Delivery#CUT_SHORT}, the bytes written before the connection
 *     closes; for {@link Delivery#STALLED}, the bytes written before the stall
 */
record Answer(int status, byte[] body, Map<String, String> headers, Delivery delivery,
        int sentBytes) {

    /** How an answer goes on the wire. */
    enum Delivery {
        /** Status line, headers with {@code Content-Length}, and the whole body. */
        WHOLE,
        /** Chunked transfer of the whole body. */
        CHUNKED,
        /** The full {@code Content-Length} is declared, part of the body sent, then closed. */
        CUT_SHORT,
        /** Nothing at all: the connection closes before the status line. */
        NOTHING,
        /** As {@link #WHOLE}, but the body stops after {@code sentBytes} for a while. */
        STALLED
    }

    /** A JSON body sent whole. */
    static Answer json(int status, byte[] body) {
        return new Answer(status, body, new LinkedHashMap<>(), Delivery.WHOLE, body.length);
    }

    /** {@code {"error":"...","message":"..."}} sent whole. */
    static Answer error(int status, String error, String message) {
        return json(status, RunJson.error(error, message));
    }

    /** An HTML page sent whole. */
    static Answer html(int status, String page) {
        return json(status, page.getBytes(StandardCharsets.UTF_8))
                .withHeader("Content-Type", "text/html; charset=utf-8");
    }

    /** No answer: the connection is dropped. */
    static Answer dropped() {
        return new Answer(0, new byte[0], new LinkedHashMap<>(), Delivery.NOTHING, 0);
    }

    Answer withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** This answer, its connection closing after {@code bytes} bytes of the body. */
    Answer cutShort(int bytes) {
        return new Answer(status, body, headers, Delivery.CUT_SHORT, bytes);
    }

    /** This answer, its body stopping for a while after {@code bytes} bytes. */
    Answer stalled(int bytes) {
        return new Answer(status, body, headers, Delivery.STALLED, bytes);
    }

    /** This answer with only the first {@code bytes} bytes of its body, sent chunked. */
    Answer truncatedChunked(int bytes) {
        return new Answer(status, Arrays.copyOf(body, bytes), headers, Delivery.CHUNKED, bytes);
    }
}
