package io.corral.server.domain;

/** Every error Corral reports, with the HTTP status it maps to. */
public enum ErrorCode {
    VALIDATION_FAILED(400),
    INVALID_JSON(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    NODE_NOT_FOUND(404),
    WORKSPACE_NOT_FOUND(404),
    API_KEY_NOT_FOUND(404),
    RESOURCE_NOT_FOUND(404),
    SHARD_NOT_FOUND(404),
    MOVE_NOT_FOUND(404),
    WEBHOOK_NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    NODE_ALREADY_EXISTS(409),
    WORKSPACE_ALREADY_EXISTS(409),
    WORKSPACE_NOT_EMPTY(409),
    RESOURCE_ALREADY_EXISTS(409),
    PRECONDITION_FAILED(412),
    INVALID_STATE_TRANSITION(409),
    MOVE_IN_PROGRESS(409),
    MOVE_LIMIT_REACHED(409),
    NODE_HOLDS_DATA(409),
    PAYLOAD_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    INTERNAL_ERROR(500),
    UNAVAILABLE(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
