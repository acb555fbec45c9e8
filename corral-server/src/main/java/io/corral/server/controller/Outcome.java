package io.corral.server.controller;

import io.corral.server.records.Record;
import java.util.List;

/** The records a command writes and the reply its caller gets once they are committed. */
public record Outcome<R>(List<Record> records, R reply) {
    public static <R> Outcome<R> of(R reply, Record... records) {
        return new Outcome<>(List.of(records), reply);
    }

    /** A command that found nothing to change. */
    public static <R> Outcome<R> unchanged(R reply) {
        return new Outcome<>(List.of(), reply);
    }
}
