package io.corral.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Filters and paging for listing nodes; null (or empty) means "not filtered" or "the server's default".
 * Immutable: each {@code with…} returns a copy. Statuses match any of them; labels must all match.
 */
public record NodeQuery(List<String> statuses, String role, Map<String, String> labels, String zone, String region,
                        String planId, String search, Integer page, Integer perPage) {
    public NodeQuery {
        statuses = statuses == null ? List.of() : List.copyOf(statuses);
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** No filter, the server's default page. */
    public static NodeQuery all() {
        return new NodeQuery(null, null, null, null, null, null, null, null, null);
    }

    public NodeQuery withStatuses(List<String> statuses) {
        return new NodeQuery(statuses, role, labels, zone, region, planId, search, page, perPage);
    }

    public NodeQuery withStatus(String status) {
        return withStatuses(status == null ? List.of() : List.of(status));
    }

    public NodeQuery withRole(String role) {
        return new NodeQuery(statuses, role, labels, zone, region, planId, search, page, perPage);
    }

    /** Nodes carrying every one of these labels (keys and values must not contain {@code ,}). */
    public NodeQuery withLabels(Map<String, String> labels) {
        return new NodeQuery(statuses, role, labels, zone, region, planId, search, page, perPage);
    }

    public NodeQuery withZone(String zone) {
        return new NodeQuery(statuses, role, labels, zone, region, planId, search, page, perPage);
    }

    public NodeQuery withRegion(String region) {
        return new NodeQuery(statuses, role, labels, zone, region, planId, search, page, perPage);
    }

    public NodeQuery withPlanId(String planId) {
        return new NodeQuery(statuses, role, labels, zone, region, planId, search, page, perPage);
    }

    /** A substring of id or name. */
    public NodeQuery withSearch(String search) {
        return new NodeQuery(statuses, role, labels, zone, region, planId, search, page, perPage);
    }

    /** 1-based page number and items per page (the server allows up to 100); null for the defaults. */
    public NodeQuery withPage(Integer page, Integer perPage) {
        return new NodeQuery(statuses, role, labels, zone, region, planId, search, page, perPage);
    }

    /** The query string, {@code ?status=…&labels=k=v,k2=v2…}, or {@code ""} for no parameters. */
    String toQueryString() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("status", statuses.isEmpty() ? null : String.join(",", statuses));
        p.put("role", role);
        p.put("labels", labels.isEmpty() ? null : labels.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")));
        p.put("zone", zone);
        p.put("region", region);
        p.put("plan_id", planId);
        p.put("search", search);
        p.put("page", page == null ? null : page.toString());
        p.put("per_page", perPage == null ? null : perPage.toString());
        return Uris.query(p);
    }
}
