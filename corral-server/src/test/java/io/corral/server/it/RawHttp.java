package io.corral.server.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bare HTTP/1.1 client for tests that must control the request bytes exactly (encoded paths,
 * chunked bodies, {@code Expect}) and see the response exactly: status line, headers in order, body.
 */
public final class RawHttp {
    /** A response as received: the status line, the header lines, and the body. */
    public record Response(String statusLine, List<String> headers, String body) {
        public int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private RawHttp() {
    }

    /** Sends {@code head} (request line and headers, without the blank line) and {@code body}, reads one response. */
    public static Response send(String baseUrl, String head, byte[] body) throws IOException {
        URI u = URI.create(baseUrl);
        try (Socket socket = new Socket(u.getHost(), u.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nHost: " + u.getHost() + ":" + u.getPort() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /**
     * {@code text} with its first character percent-encoded: the router decodes such a path segment back,
     * while the direct routes in front of it never take a path with an escape, so a request sent with
     * it goes through the router.
     */
    public static String encodedFirst(String text) {
        return String.format("%%%02X", (int) text.charAt(0)) + text.substring(1);
    }

    /** A request with a JSON body and its Content-Length. */
    public static Response post(String baseUrl, String method, String path, String token, String json)
            throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + (token == null ? "" : "\r\nAuthorization: Bearer " + token);
        return send(baseUrl, head, body);
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        List<String> headers = new ArrayList<>();
        int length = -1;
        String h;
        while (!(h = line(in)).isEmpty()) {
            headers.add(h);
            if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(h.substring(15).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (length >= 0) {
            body.write(in.readNBytes(length));
        } else {
            in.transferTo(body);
        }
        return new Response(statusLine, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
