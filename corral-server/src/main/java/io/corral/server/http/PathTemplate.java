package io.corral.server.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A route path such as {@code /api/v1/workspaces/:ws/nodes/:id/heartbeat}, matched by plain string
 * comparison. It matches only paths that need no normalising or decoding to be read: every literal
 * segment must be equal (case-sensitive) and every parameter segment must be non-empty, made only of
 * {@code A-Z a-z 0-9 . _ ~ : -} and not {@code .} or {@code ..}. Any other path (percent-encoded,
 * double or trailing slash, dot segments, …) does not match, so callers can leave it to the router,
 * whose answer for it is then unchanged. Immutable.
 */
public final class PathTemplate {
    private final String template;
    /** The literal text of each segment, or null where the segment is a parameter. */
    private final String[] literals;
    private final int paramCount;

    public PathTemplate(String template) {
        if (!template.startsWith("/") || template.endsWith("/")) {
            throw new IllegalArgumentException("a path template starts with '/' and does not end with one: "
                    + template);
        }
        String[] segments = template.substring(1).split("/", -1);
        literals = new String[segments.length];
        int params = 0;
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].startsWith(":")) {
                params++;
            } else {
                literals[i] = segments[i];
            }
        }
        this.template = template;
        this.paramCount = params;
    }

    /** The template as written, e.g. for metric labels. */
    public String template() {
        return template;
    }

    /** The parameter values of {@code path} in template order, or null when it does not match. */
    public List<String> match(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        List<String> params = new ArrayList<>(paramCount);
        int start = 1;
        for (int i = 0; i < literals.length; i++) {
            int end = path.indexOf('/', start);
            boolean last = i == literals.length - 1;
            if (last ? end != -1 : end == -1) {
                return null;
            }
            if (last) {
                end = path.length();
            }
            String literal = literals[i];
            if (literal != null) {
                if (end - start != literal.length() || !path.startsWith(literal, start)) {
                    return null;
                }
            } else {
                if (!plainSegment(path, start, end)) {
                    return null;
                }
                params.add(path.substring(start, end));
            }
            start = end + 1;
        }
        return params;
    }

    private static boolean plainSegment(String path, int start, int end) {
        if (end == start) {
            return false;
        }
        boolean allDots = true;
        for (int i = start; i < end; i++) {
            char c = path.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || c == ':';
            if (!ok) {
                return false;
            }
            allDots &= c == '.';
        }
        return !(allDots && end - start <= 2);
    }
}
