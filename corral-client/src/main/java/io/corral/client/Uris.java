package io.corral.client;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Percent-encoding of path segments and query strings (RFC 3986: everything but unreserved characters). */
final class Uris {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Uris() {
    }

    /** Encodes one path segment or query component, so {@code /}, {@code ?}, {@code &}, {@code =} stay data. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** {@code ?a=1&b=2} from the non-null entries in iteration order, or {@code ""} when there are none. */
    static String query(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            out.append(out.length() == 0 ? '?' : '&').append(encode(e.getKey())).append('=')
                    .append(encode(e.getValue()));
        }
        return out.toString();
    }
}
