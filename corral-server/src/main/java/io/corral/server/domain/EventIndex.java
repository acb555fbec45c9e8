package io.corral.server.domain;

import io.vavr.Tuple2;
import io.vavr.collection.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The event journal's aggregation index: the seq of the latest event per aggregation key, so a repeat
 * finds the event it adds to. Immutable and persistent: every change returns a new index that shares
 * structure with the old one. It is a hash array mapped trie (vavr's {@code HashMap}) because the journal
 * looks a key up and adds one on every event, and holds up to twice the retained events; a trie a few
 * levels deep touches far less memory per lookup than a binary tree over the keys' hashes. Two indexes
 * are equal when they map the same keys to the same seqs.
 */
public final class EventIndex {
    public static final EventIndex EMPTY = new EventIndex(HashMap.empty());

    private final HashMap<String, Long> seqByKey;

    private EventIndex(HashMap<String, Long> seqByKey) {
        this.seqByKey = seqByKey;
    }

    /** The index holding {@code seqByKey}. */
    public static EventIndex of(Map<String, Long> seqByKey) {
        return seqByKey.isEmpty() ? EMPTY : new EventIndex(HashMap.ofAll(seqByKey));
    }

    /** The seq of the latest event with {@code key}, or null. */
    public Long seqOf(String key) {
        return seqByKey.get(key).getOrNull();
    }

    /** This index with {@code key} pointing at {@code seq}. */
    public EventIndex with(String key, long seq) {
        return new EventIndex(seqByKey.put(key, seq));
    }

    /** This index without the keys whose event is older than {@code oldestSeq} (gone through retention). */
    public EventIndex withoutSeqsBefore(long oldestSeq) {
        HashMap<String, Long> kept = seqByKey;
        for (Tuple2<String, Long> e : seqByKey) {
            if (e._2 < oldestSeq) {
                kept = kept.remove(e._1);
            }
        }
        return kept == seqByKey ? this : new EventIndex(kept);
    }

    public int size() {
        return seqByKey.size();
    }

    /** The index as a sorted map (for snapshots). */
    public Map<String, Long> toSortedMap() {
        Map<String, Long> out = new TreeMap<>();
        for (Tuple2<String, Long> e : seqByKey) {
            out.put(e._1, e._2);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventIndex other && seqByKey.equals(other.seqByKey);
    }

    @Override
    public int hashCode() {
        return seqByKey.hashCode();
    }

    @Override
    public String toString() {
        return "EventIndex" + toSortedMap();
    }
}
