package io.corral.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A workspace's shard map as a long-poll returned it ({@link ShardMapApi#watch}), with its index: the
 * map version from the {@code X-Corral-Index} header, to pass to the next watch.
 */
public record IndexedMap(JsonNode map, long index) {
}
