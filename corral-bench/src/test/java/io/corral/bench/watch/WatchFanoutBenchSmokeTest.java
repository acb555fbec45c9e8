package io.corral.bench.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the watch fan-out benchmark end to end with a few watchers against a real coordinator process:
 * every change must reach every long-poll and stream (the run throws otherwise), so each kind reports
 * watchers × changes deliveries. It checks the report's shape, not any figure.
 */
class WatchFanoutBenchSmokeTest {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyChangeReachesEveryWatcher() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        WatchFanoutBench.run(WatchOptions.parse(new String[] {"5", "4", "3", "--warmup-changes", "2", "--pause", "10ms"}),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("5 long-poll + 4 SSE", "from the change's timestamp", "from the writer's acknowledgement");
        assertThat(out).contains("| long-poll | 15 |", "| SSE | 12 |", "| all | 27 |", "last watcher; count = changes) | 3 |");
        assertThat(out).contains("heap after full GC per open watcher");
    }
}
