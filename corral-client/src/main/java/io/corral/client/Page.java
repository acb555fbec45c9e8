package io.corral.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of a list reply: the items as the server sent them, and the {@code pagination} numbers
 * (1-based {@code page}, {@code perPage} items per page, {@code total} items in all, {@code pages} in all).
 */
public record Page(List<JsonNode> items, int page, int perPage, long total, int pages) {
    public Page {
        items = List.copyOf(items);
    }

    /** Whether pages after this one exist. */
    public boolean hasMore() {
        return page < pages;
    }

    static Page from(JsonNode body) {
        List<JsonNode> items = new java.util.ArrayList<>();
        body.path("data").forEach(items::add);
        JsonNode p = body.path("pagination");
        if (p.isMissingNode()) {
            return new Page(items, 1, items.size(), items.size(), items.isEmpty() ? 0 : 1);
        }
        return new Page(items, p.path("page").asInt(1), p.path("per_page").asInt(items.size()),
                p.path("total").asLong(items.size()), p.path("pages").asInt(1));
    }
}
