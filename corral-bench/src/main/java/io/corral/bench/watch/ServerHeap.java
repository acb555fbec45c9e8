package io.corral.bench.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap in use by another JVM right after full collections, with the JDK's {@code jcmd} ({@code GC.run},
 * then {@code GC.heap_info}). Resolution 1 KiB.
 */
final class ServerHeap {
    private static final Pattern USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private ServerHeap() {
    }

    /** Bytes used after three full GCs of process {@code pid}. */
    static long usedAfterGcBytes(long pid) throws IOException, InterruptedException {
        for (int i = 0; i < 3; i++) {
            jcmd(pid, "GC.run");
        }
        Matcher m = USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!m.find()) {
            throw new IOException("no heap figure in jcmd GC.heap_info of pid " + pid);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }
}
