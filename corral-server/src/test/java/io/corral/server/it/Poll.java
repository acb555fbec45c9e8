package io.corral.server.it;

import java.util.function.BooleanSupplier;

/** Waits for a condition with a generous deadline, polling; never asserts on timing. */
public final class Poll {
    private Poll() {
    }

    public static void until(String what, long deadlineMs, BooleanSupplier condition) {
        long end = System.nanoTime() + deadlineMs * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadlineMs + " ms waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
