package io.corral.server.controller;

import io.corral.server.domain.ClusterImage;

/**
 * A request to change the cluster. {@link #execute} validates it against the current image and
 * returns the records to write and the reply to give once they are durable. It must not change
 * anything itself, read a clock (use {@link CommandContext#nowMs()}) or do I/O, and it throws
 * {@link io.corral.server.domain.CorralException} for a request that cannot be done, in which case
 * nothing is written.
 *
 * @param <R> the reply type
 */
@FunctionalInterface
public interface Command<R> {
    Outcome<R> execute(ClusterImage image, CommandContext ctx);
}
