package io.biotrack.adapter.local;

import io.biotrack.job.Job;
import io.biotrack.job.JobIds;
import io.biotrack.job.JobOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/**
 * A job's status read from the embedded store ({@link H2JobStore#find}), the gateway's hottest
 * embedded read: CPU microseconds per read on one thread, in rounds, after a warm-up. Not a test, a
 * measurement (the machine is shared: compare runs made back to back): run with {@code java -cp
 * <core test and runtime classpath> io.biotrack.adapter.local.H2StatusReadBench [reads] [rounds]}.
 */
public final class H2StatusReadBench {
  public static void main(String[] args) throws Exception {
    int reads = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dataDir = Files.createTempDirectory("h2-status-bench");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // The process's CPU too: work the read hands to other threads (a pool's, H2's) counts.
    com.sun.management.OperatingSystemMXBean process =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (H2Database database = H2Database.open(dataDir)) {
      H2JobStore store = new H2JobStore(database);
      Job job =
          store.create(
              Job.newPending(
                  new JobIds(Clock.systemUTC(), new SecureRandom()).next(),
                  "tenant-bench",
                  "survey",
                  12,
                  new JobOptions(0.2),
                  Instant.now()));
      for (int i = 0; i < reads; i++) {
        store.find(job.tenant(), job.id()).orElseThrow();
      }
      for (int round = 1; round <= rounds; round++) {
        long cpu = threads.getCurrentThreadCpuTime();
        long processCpu = process.getProcessCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < reads; i++) {
          store.find(job.tenant(), job.id()).orElseThrow();
        }
        double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu) / 1_000.0 / reads;
        double processMicros = (process.getProcessCpuTime() - processCpu) / 1_000.0 / reads;
        double wallMicros = (System.nanoTime() - wall) / 1_000.0 / reads;
        System.out.printf(
            "round %d: %.2f us CPU (reading thread), %.2f us CPU (process), %.2f us wall per status"
                + " read%n",
            round, cpuMicros, processMicros, wallMicros);
      }
    }
  }
}
