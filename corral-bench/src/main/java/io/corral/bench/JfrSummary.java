package io.corral.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the CPU samples ({@code jdk.ExecutionSample}) of a JFR recording, e.g. one a server
 * wrote when started with {@code --server-jvm-opts -XX:StartFlightRecording=filename=DIR,settings=profile}:
 * samples per thread (digits in names folded), the methods most often on top of the stack (self),
 * and the methods most often anywhere on it (inclusive), optionally only for threads whose name
 * contains a filter. {@code BenchMain jfr FILE [THREAD-FILTER] [TOP]}.
 */
final class JfrSummary {
    private JfrSummary() {
    }

    static void print(Path recording, String threadFilter, int top) throws IOException {
        Map<String, Integer> byThread = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            String thread = e.getThread("sampledThread") == null ? "?"
                    : String.valueOf(e.getThread("sampledThread").getJavaName()).replaceAll("\\d+", "N");
            byThread.merge(thread, 1, Integer::sum);
            if (threadFilter != null && !thread.contains(threadFilter)) {
                continue;
            }
            samples++;
            RecordedStackTrace st = e.getStackTrace();
            List<RecordedFrame> frames = st.getFrames();
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (seen.add(n)) {
                    inclusive.merge(n, 1, Integer::sum);
                }
            }
        }
        System.out.println("samples by thread:");
        printTop(byThread, top, byThread.values().stream().mapToInt(Integer::intValue).sum());
        System.out.println("\n" + samples + " samples" + (threadFilter == null ? "" : " in threads matching '"
                + threadFilter + "'") + "\nself (top of stack):");
        printTop(self, top, samples);
        System.out.println("\ninclusive (anywhere on the stack):");
        printTop(inclusive, top, samples);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void printTop(Map<String, Integer> counts, int top, int total) {
        List<Map.Entry<String, Integer>> sorted = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .collect(Collectors.toList());
        for (Map.Entry<String, Integer> en : sorted) {
            System.out.printf("%6d %5.1f%%  %s%n", en.getValue(), 100.0 * en.getValue() / Math.max(1, total),
                    en.getKey());
        }
    }
}
