package io.corral.server.service;

import io.corral.server.domain.CorralException;
import io.corral.server.domain.Lifecycle;
import io.corral.server.domain.Node;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Filters and paging of a node list. Null filters match everything; {@code labels} must all match;
 * {@code search} matches a case-insensitive substring of the id or the name.
 */
public record NodeQuery(Set<Lifecycle> statuses, String role, Map<String, String> labels, String zone, String region,
                        String planId, String search, int page, int perPage) {
    public static final int DEFAULT_PER_PAGE = 20;
    public static final int MAX_PER_PAGE = 100;

    public NodeQuery {
        if (page < 1) {
            throw CorralException.invalid("page", "page must be >= 1, got " + page);
        }
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw CorralException.invalid("per_page", "per_page must be 1-" + MAX_PER_PAGE + ", got " + perPage);
        }
        labels = labels == null ? Map.of() : labels;
    }

    public static NodeQuery all() {
        return new NodeQuery(null, null, null, null, null, null, null, 1, MAX_PER_PAGE);
    }

    public boolean matches(Node n) {
        if (statuses != null && !statuses.contains(n.status())) {
            return false;
        }
        if (role != null && !role.equals(n.role())) {
            return false;
        }
        if (zone != null && !zone.equals(n.zone())) {
            return false;
        }
        if (region != null && !region.equals(n.region())) {
            return false;
        }
        if (planId != null && !planId.equals(n.planId())) {
            return false;
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (!e.getValue().equals(n.labels().get(e.getKey()))) {
                return false;
            }
        }
        if (search != null) {
            String s = search.toLowerCase(Locale.ROOT);
            return n.id().toLowerCase(Locale.ROOT).contains(s) || n.name().toLowerCase(Locale.ROOT).contains(s);
        }
        return true;
    }
}
