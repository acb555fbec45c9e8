package io.corral.server.records;

import io.corral.server.domain.Operation;

/** A rebalance operation started or ended; carries its whole new value. */
public record OperationRecorded(Operation operation, long atMs, String actor) implements Record {
}
