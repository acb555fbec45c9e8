package io.corral.server.http;

import io.corral.server.domain.CorralException;

/** How one API area writes errors. The native format is {@link NativeErrorFormat}; each seed adapter has its own. */
@FunctionalInterface
public interface ErrorFormat {
    /** The JSON body for {@code e}; the status is {@code e.code().httpStatus()}. */
    Object body(CorralException e);
}
