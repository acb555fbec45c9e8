package io.corral.example.kv;

/** A write was not acknowledged before its deadline: it may or may not have been stored. */
public final class WriteFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public WriteFailedException(String message) {
        super(message);
    }
}
