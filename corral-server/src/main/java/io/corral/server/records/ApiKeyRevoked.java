package io.corral.server.records;

/** An API key was revoked and no longer authenticates. */
public record ApiKeyRevoked(String keyId, long atMs, String actor) implements Record {
}
