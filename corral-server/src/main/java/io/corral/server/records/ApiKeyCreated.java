package io.corral.server.records;

import io.corral.server.domain.ApiKey;

/** An API key was created; only its hash is recorded. */
public record ApiKeyCreated(ApiKey key, long atMs, String actor) implements Record {
}
