package dev.federator.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** What an operator process costs, read from outside it: CPU time, resident memory, and the heap it retains. */
final class ProcessFigures {
    private static final Pattern USED = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

    private ProcessFigures() {}

    static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
    }

    static long peakRssMiB(ProcessHandle process) { return procStatus(process, "VmHWM:"); }

    static long rssMiB(ProcessHandle process) { return procStatus(process, "VmRSS:"); }

    /**
     * Heap in use right after a full collection, through jcmd: what the operator actually retains. Peak RSS alone
     * says more about how lazily the JVM collects than about what it needs.
     */
    static long liveHeapMiB(ProcessHandle process) throws Exception {
        String pid = Long.toString(process.pid());
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        exec(jcmd.toString(), pid, "GC.run");
        long usedKiB = 0;
        for (String line : exec(jcmd.toString(), pid, "GC.heap_info").split("\n")) {
            var m = USED.matcher(line);
            if (m.find()) {
                usedKiB += Long.parseLong(m.group(1));
            }
        }
        return usedKiB / 1024;
    }

    private static long procStatus(ProcessHandle process, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            // not Linux
        }
        return -1;
    }

    private static String exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
