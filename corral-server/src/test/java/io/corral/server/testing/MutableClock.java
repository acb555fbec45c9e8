package io.corral.server.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that stands still until a test moves it. Thread-safe, so the controller thread and the
 * test thread may read it while the test advances it.
 */
public final class MutableClock extends Clock {
    private final AtomicLong millis;

    public MutableClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    /** A clock at a fixed, arbitrary instant (2025-01-01T00:00:00Z). */
    public static MutableClock atSomeInstant() {
        return new MutableClock(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli());
    }

    /** Moves the clock forward by {@code ms} milliseconds and returns the new time. */
    public long advance(long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("a clock only moves forward; got " + ms);
        }
        return millis.addAndGet(ms);
    }

    public long advance(Duration d) {
        return advance(d.toMillis());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("MutableClock is UTC only");
    }
}
