package io.duvoexport.simulate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 GET over a plain socket, for tests that look at how a body arrives rather than at
 * what it says: the bytes received before the body first went silent, then the whole body.
 */
final class RawGet {

    private RawGet() {}

    /**
     * How one answer arrived.
     *
     * @param headers by lower-case name
     * @param beforeSilence the body bytes that came before a silence of the given length
     * @param body the whole body, as {@code Content-Length} declares it
     */
    record Arrival(int status, Map<String, String> headers, byte[] beforeSilence, byte[] body) {}

    /**
     * GETs {@code pathAndQuery} with a bearer key, waiting up to {@code patience} for any byte
     * but noting the first time the body is silent for {@code silence}.
     */
    static Arrival get(String baseUrl, String pathAndQuery, String key, Duration silence,
            Duration patience) throws IOException {
        URI base = URI.create(baseUrl);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "Authorization: Bearer " + key + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            socket.setSoTimeout((int) patience.toMillis());
            String[] head = head(in).split("\r\n");
            Map<String, String> headers = headers(head);
            int length = Integer.parseInt(headers.get("content-length"));

            byte[] body = new byte[length];
            socket.setSoTimeout((int) silence.toMillis());
            int received = readUntilSilent(in, body, 0);
            byte[] beforeSilence = Arrays.copyOf(body, received);
            socket.setSoTimeout((int) patience.toMillis());
            readUntilSilent(in, body, received);
            return new Arrival(Integer.parseInt(head[0].split(" ")[1]), headers, beforeSilence,
                    body);
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed within the headers");
            }
            head.write(next);
        }
        return head.toString(StandardCharsets.US_ASCII).strip();
    }

    private static Map<String, String> headers(String[] head) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.put(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    head[i].substring(colon + 1).strip());
        }
        return headers;
    }

    /** Fills {@code body} from {@code offset}; returns how far it got before a silence or end. */
    private static int readUntilSilent(InputStream in, byte[] body, int offset)
            throws IOException {
        int filled = offset;
        try {
            while (filled < body.length) {
                int read = in.read(body, filled, body.length - filled);
                if (read < 0) {
                    break;
                }
                filled += read;
            }
        } catch (SocketTimeoutException silent) {
            // the body went silent: what came so far is the answer
        }
        return filled;
    }
}
