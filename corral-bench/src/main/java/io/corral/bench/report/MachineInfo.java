package io.corral.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What a figure was measured on: date, CPUs, memory, CPU model, JDK, OS and the load average (the
 * machine may be shared, and the load generator always shares its cores with the server).
 */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static String describe(Path workDir) {
        Runtime rt = Runtime.getRuntime();
        return "- date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n"
                + "- CPUs available to the JVM: " + rt.availableProcessors() + " (" + cpuModel() + ")\n"
                + "- memory: " + memTotal() + "\n"
                + "- JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + "\n"
                + "- OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + "\n"
                + "- work dir: " + workDir + " (" + fileStore(workDir) + ")\n"
                + "- load average at start: " + loadAverage() + "\n"
                + "- the load generator runs on the same machine and shares its CPUs with the server under test";
    }

    public static String loadAverage() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", l);
    }

    private static String cpuModel() {
        return firstValue(Path.of("/proc/cpuinfo"), "model name");
    }

    private static String memTotal() {
        String kb = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        try {
            long k = Long.parseLong(kb.replace("kB", "").trim());
            return String.format(Locale.ROOT, "%.1f GiB", k / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return kb;
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String l : lines) {
                if (l.startsWith(key)) {
                    return l.substring(l.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static String fileStore(Path dir) {
        try {
            var store = Files.getFileStore(dir);
            return store.type() + " on " + store.name();
        } catch (IOException e) {
            return "unknown file system";
        }
    }
}
