package io.corral.server.http.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Deadlines of many waiters kept in buckets of {@code resolutionMs}, so one timer (armed for
 * {@link #nextDueMs()}) serves them all instead of a timer per waiter. A waiter is due at the end of
 * the bucket holding its deadline: never earlier than asked, at most {@code resolutionMs} later.
 * Removing a waiter frees its entry at once. Not thread-safe: meant for one event loop. Time is
 * passed in, in milliseconds of any monotonic clock.
 *
 * @param <T> the waiter; identity (equals/hashCode) must be stable
 */
final class WaitWheel<T> {
    private final long resolutionMs;
    private final TreeMap<Long, LinkedHashSet<T>> buckets = new TreeMap<>();
    private final Map<T, Long> dueMsByWaiter = new LinkedHashMap<>();

    WaitWheel(long resolutionMs) {
        if (resolutionMs <= 0) {
            throw new IllegalArgumentException("resolution must be positive");
        }
        this.resolutionMs = resolutionMs;
    }

    /** Adds {@code waiter} with its deadline; returns the time it will be due. */
    long add(T waiter, long deadlineMs) {
        long dueMs = Math.floorDiv(deadlineMs + resolutionMs - 1, resolutionMs) * resolutionMs;
        remove(waiter);
        buckets.computeIfAbsent(dueMs, k -> new LinkedHashSet<>()).add(waiter);
        dueMsByWaiter.put(waiter, dueMs);
        return dueMs;
    }

    /** Forgets {@code waiter}; returns whether it was waiting. */
    boolean remove(T waiter) {
        Long dueMs = dueMsByWaiter.remove(waiter);
        if (dueMs == null) {
            return false;
        }
        LinkedHashSet<T> bucket = buckets.get(dueMs);
        bucket.remove(waiter);
        if (bucket.isEmpty()) {
            buckets.remove(dueMs);
        }
        return true;
    }

    /**
     * Removes and returns every waiter that {@code answered} accepts, in the order they were added. When it accepts
     * them all (a change that answers every long-poll) the wheel is emptied in one step, not waiter by waiter.
     */
    List<T> removeIf(Predicate<T> answered) {
        List<T> out = new ArrayList<>();
        for (T waiter : dueMsByWaiter.keySet()) {
            if (answered.test(waiter)) {
                out.add(waiter);
            }
        }
        if (out.size() == dueMsByWaiter.size()) {
            dueMsByWaiter.clear();
            buckets.clear();
        } else {
            for (T waiter : out) {
                remove(waiter);
            }
        }
        return out;
    }

    /** Removes and returns every waiter due at {@code nowMs}, earliest first. */
    List<T> takeDue(long nowMs) {
        List<T> due = new ArrayList<>();
        while (!buckets.isEmpty() && buckets.firstKey() <= nowMs) {
            for (T waiter : buckets.pollFirstEntry().getValue()) {
                dueMsByWaiter.remove(waiter);
                due.add(waiter);
            }
        }
        return due;
    }

    /** When the earliest waiter is due, or -1 when none waits. */
    long nextDueMs() {
        return buckets.isEmpty() ? -1 : buckets.firstKey();
    }

    int size() {
        return dueMsByWaiter.size();
    }
}
