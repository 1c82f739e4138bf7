package dev.agentbus.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads memory after forcing garbage collection: the Java heap in use (the live set, with the
 * Parallel collector's full collection) and the process's resident set (which includes native
 * memory, e.g. SQLite's).
 */
public final class HeapGauge {

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HeapGauge() {}

  /**
   * Collects garbage a few times, letting finalization and reference processing settle, then reads
   * the heap in use.
   *
   * @return used heap bytes
   */
  public static long usedHeapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      sleep(150);
      used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /**
   * Collects garbage once and reads what the collection left: the heap pools' usage just after it
   * (their collection usage), so what a busy process allocates between the collection and the
   * reading does not count. For a process under load, where {@link #usedHeapAfterGc} overstates.
   *
   * @return live heap bytes after a full collection
   */
  public static long liveHeapAfterGc() {
    System.gc();
    long live = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        live += pool.getCollectionUsage().getUsed();
      }
    }
    return live;
  }

  /**
   * The resident set size of this process ({@code VmRSS}), or -1 where {@code /proc} is missing.
   *
   * @return bytes
   */
  public static long residentBytes() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
      for (String line : lines) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.trim().split("\\s+");
          return Long.parseLong(parts[1]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
