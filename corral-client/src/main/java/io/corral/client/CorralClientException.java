package io.corral.client;

/**
 * A call to Corral did not produce an answer the client could use: the server was unreachable, the request
 * timed out or was interrupted, or the reply was not the JSON the API promises. Whether the server applied
 * a mutation that failed this way is unknown. Server-reported errors are the subclass {@link ApiException}.
 */
public class CorralClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorralClientException(String message, Throwable cause) {
        super(message, cause);
    }

    public CorralClientException(String message) {
        super(message);
    }
}
