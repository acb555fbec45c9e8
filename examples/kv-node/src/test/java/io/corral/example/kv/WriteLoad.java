package io.corral.example.kv;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent writers through one {@link RoutingClient}: writer {@code w} owns keys {@code w<w>-k<i>} and
 * writes them in a seeded random order with increasing sequence numbers, recording every attempt and
 * acknowledgement in a {@link Ledger}. A write that is not acknowledged within the client's timeout counts
 * as unacknowledged and the writer goes on.
 */
final class WriteLoad implements AutoCloseable {
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong unacked = new AtomicLong();
    private final Ledger ledger = new Ledger();

    WriteLoad(RoutingClient client, int writers, int keysPerWriter, long seed) {
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Random random = new Random(seed + w);
            Thread t = new Thread(() -> {
                long seq = 0;
                while (!stop.get()) {
                    String key = "w" + writer + "-k" + random.nextInt(keysPerWriter);
                    seq++;
                    ledger.attempted(key, seq);
                    try {
                        RoutingClient.Ack a = client.put(key, Ledger.value(key, seq));
                        ledger.acked(key, seq, a.version());
                        acked.incrementAndGet();
                    } catch (WriteFailedException e) {
                        unacked.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "writer-" + w);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    WriteLoad start() {
        threads.forEach(Thread::start);
        return this;
    }

    long acked() {
        return acked.get();
    }

    long unacked() {
        return unacked.get();
    }

    Ledger ledger() {
        return ledger;
    }

    /** Stops the writers and waits for their last writes to end. */
    void stop() throws InterruptedException {
        stop.set(true);
        for (Thread t : threads) {
            t.join(120_000);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
