package io.corral.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.corral.bench.report.Report;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every benchmark end to end with tiny counts and windows, against real child processes, to
 * show the harness works. It checks the report's shape, not any figure.
 */
class BenchSmokeTest {

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void allBenchmarksRunWithTinyCounts(@TempDir Path dir) throws Exception {
        BenchOptions options = BenchOptions.parse(new String[] {"all", "--prime", "500ms", "--warmup", "200ms",
            "--duration", "500ms", "--rounds", "1", "--heartbeat-nodes", "20", "--connections", "4",
            "--concurrency", "1,4", "--restart-nodes", "150", "--restart-concurrency", "8", "--snapshot-every",
            "10", "--work-dir", dir.resolve("work").toString(), "--report", dir.resolve("report.md").toString()});

        Report report = BenchMain.run(options, "smoke test");

        String md = report.markdown();
        assertThat(md).contains("## Heartbeat ingest", "**Heartbeats: Corral", "raw Vert.x baseline");
        assertThat(md).contains("## Durable mutations", "**Durable mutations: best", "maintenance_off");
        assertThat(md).contains("## Restart time", "whole log replayed", "| 150 |");
        assertThat(md).doesNotContain("WARNING");
        assertThat(dir.resolve("report.md")).exists();
        assertThat(dir.resolve("work")).doesNotExist();
    }
}
