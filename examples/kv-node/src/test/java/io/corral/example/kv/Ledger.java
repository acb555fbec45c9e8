package io.corral.example.kv;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What writers did, per key: the highest sequence number attempted, and the highest acknowledged with its
 * version. Each key has one writer, whose sequence numbers and versions increase, so a correct store
 * returns for a key a value whose sequence number lies between the last acknowledged and the last
 * attempted one. Thread-safe.
 */
final class Ledger {
    /** One key's record. */
    record KeyState(long attemptedSeq, long ackedSeq, long ackedVersion) {
    }

    private final Map<String, KeyState> keys = new ConcurrentHashMap<>();

    void attempted(String key, long seq) {
        keys.merge(key, new KeyState(seq, 0, 0), (a, b) -> new KeyState(Math.max(a.attemptedSeq(), seq), a.ackedSeq(),
                a.ackedVersion()));
    }

    void acked(String key, long seq, long version) {
        keys.compute(key, (k, a) -> a == null ? new KeyState(seq, seq, version)
                : seq > a.ackedSeq() ? new KeyState(Math.max(a.attemptedSeq(), seq), seq, version) : a);
    }

    Map<String, KeyState> snapshot() {
        return Map.copyOf(keys);
    }

    static String value(String key, long seq) {
        return key + "#" + seq;
    }

    /** The sequence number in a value written by {@link #value}, or -1. */
    static long seqOf(String key, String value) {
        if (value == null || !value.startsWith(key + "#")) {
            return -1;
        }
        try {
            return Long.parseLong(value.substring(key.length() + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
