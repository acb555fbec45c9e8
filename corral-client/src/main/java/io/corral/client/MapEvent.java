package io.corral.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event of a workspace's shard-map stream: {@code type} {@code snapshot} (the whole workspace map,
 * sent first unless a resumed stream can replay what was missed) or {@code change} (one resource's
 * change: {@code version}, {@code resource_id}, {@code reason}, {@code at}, {@code resource_deleted},
 * {@code changed_shards}, {@code removed_shards} and the changed {@code shards}); {@code version} is the
 * map version the event brings the reader to, also its SSE id, which resumes the stream after it.
 */
public record MapEvent(String type, long version, JsonNode data) {
    /** The event's id as sent, for {@link ShardMapApi#stream}'s {@code lastEventId}. */
    public String id() {
        return Long.toString(version);
    }
}
