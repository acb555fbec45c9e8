package io.corral.server.service;

import java.util.List;

/** One page of a list: the items, the 1-based page number, the page size, and the total count. */
public record Page<T>(List<T> items, int page, int perPage, long total) {
    public long pages() {
        return total == 0 ? 0 : (total + perPage - 1) / perPage;
    }

    public static <T> Page<T> of(List<T> all, int page, int perPage) {
        int from = (int) Math.min((long) (page - 1) * perPage, all.size());
        int to = Math.min(from + perPage, all.size());
        return new Page<>(all.subList(from, to), page, perPage, all.size());
    }
}
