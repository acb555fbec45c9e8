package io.corral.server.records;

/** An empty workspace was deleted. */
public record WorkspaceDeleted(String workspaceId, long atMs, String actor) implements Record {
}
