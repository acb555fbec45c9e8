package io.corral.server.records;

import io.corral.server.domain.Workspace;

/** A workspace was created. */
public record WorkspaceCreated(Workspace workspace, long atMs, String actor) implements Record {
}
