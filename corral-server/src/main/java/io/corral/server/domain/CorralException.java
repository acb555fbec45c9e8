package io.corral.server.domain;

import java.util.Map;

/**
 * A failure with a stable error code, a message a person can act on, and optional details. Thrown by
 * validation, commands and services; one place in the HTTP layer turns it into a response.
 */
public final class CorralException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;
    private final transient Map<String, Object> details;

    public CorralException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public CorralException(ErrorCode code, String message, Map<String, Object> details) {
        super(message, null, false, false);
        this.code = code;
        this.details = details == null ? Map.of() : details;
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static CorralException invalid(String message) {
        return new CorralException(ErrorCode.VALIDATION_FAILED, message);
    }

    public static CorralException invalid(String field, String message) {
        return new CorralException(ErrorCode.VALIDATION_FAILED, message, Map.of("field", field));
    }

    public static CorralException nodeNotFound(String nodeId) {
        return new CorralException(ErrorCode.NODE_NOT_FOUND, "node '" + nodeId + "' not found", Map.of("node_id", nodeId));
    }

    public static CorralException resourceNotFound(String ws, String id) {
        return new CorralException(ErrorCode.RESOURCE_NOT_FOUND, "resource '" + id + "' not found in workspace '" + ws
                + "'", Map.of("workspace_id", ws, "resource_id", id));
    }

    public static CorralException workspaceNotFound(String ws) {
        return new CorralException(ErrorCode.WORKSPACE_NOT_FOUND, "workspace '" + ws + "' not found",
                Map.of("workspace_id", ws));
    }
}
