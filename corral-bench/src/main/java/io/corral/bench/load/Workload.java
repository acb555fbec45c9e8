package io.corral.bench.load;

/**
 * What a closed-loop load run sends. Each in-flight slot asks for its next request as soon as its
 * previous one completed. Calls for one slot always come from the same thread, one at a time; calls
 * for different slots may come from different threads at once.
 */
public interface Workload {

    /** The next request for {@code slot}, or null when this slot has nothing more to send. */
    BenchRequest next(int slot);

    /** Told whether {@code slot}'s last request succeeded, before {@link #next} is asked again. */
    default void completed(int slot, boolean success) {
    }
}
