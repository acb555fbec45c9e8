package io.corral.agent;

/**
 * A call to the coordinator failed: {@code status} is the HTTP status it answered (0 when it could not
 * be reached or did not answer), {@code code} its error code when it gave one.
 */
public final class CoordinatorException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    public CoordinatorException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Whether the coordinator does not (or no longer) know this node or its token: register again. */
    public boolean nodeForgotten() {
        return status == 401 || status == 403 || status == 404;
    }
}
