package io.corral.client;

/** Receives the events of a shard-map stream ({@link ShardMapApi#stream}) on the reading thread. */
@FunctionalInterface
public interface MapEventListener {
    /** Handles one event; returns whether to keep reading (false closes the stream). */
    boolean onEvent(MapEvent event);
}
