package io.corral.bench;

import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs one class of JMH micro-benchmarks in one forked JVM (3 warm-up and 5 measured iterations of
 * {@code --duration / 5}, at least 1 s each), printing JMH's own table; with {@code --report FILE}
 * JMH also writes its results there as text.
 */
final class JmhRunner {
    private JmhRunner() {
    }

    static void run(BenchOptions o, Class<?> benchmarks) throws Exception {
        TimeValue iteration = TimeValue.milliseconds(Math.max(1_000, o.durationMs() / 5));
        OptionsBuilder b = new OptionsBuilder();
        b.include(benchmarks.getName()).forks(1).warmupIterations(3).warmupTime(iteration)
                .measurementIterations(5).measurementTime(iteration).jvmArgsAppend("-Xmx2g");
        if (o.reportFile() != null) {
            b.resultFormat(ResultFormatType.TEXT).result(o.reportFile().toString());
        }
        Options options = b.build();
        new Runner(options).run();
    }
}
