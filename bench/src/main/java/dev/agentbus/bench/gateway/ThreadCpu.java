package dev.agentbus.bench.gateway;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time of this process's threads by group, read from {@code /proc/self/task} (Linux): every
 * thread, the JVM's own included (JIT compilers, GC), which the JMX beans do not show. A group is
 * the thread name as the kernel keeps it (15 characters) without its digits, e.g. {@code
 * vert.x-eventloo}, {@code ForkJoinPool--} (virtual-thread carriers), {@code C CompilerThre},
 * {@code GC Thread#}.
 */
public final class ThreadCpu {

  private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on Linux

  private ThreadCpu() {}

  /**
   * Reads the CPU time of every thread, summed by group.
   *
   * @return group name to nanoseconds (user + system); empty where {@code /proc} is missing
   */
  public static JsonObject byGroup() {
    JsonObject groups = new JsonObject();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]", "");
          String stat = Files.readString(task.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          groups.put(name, groups.getLong(name, 0L) + ticks * NANOS_PER_TICK);
        } catch (IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return groups;
  }

  /**
   * The CPU time each group spent between two readings.
   *
   * @param before the earlier reading
   * @param after the later reading
   * @return group name to nanoseconds, groups that spent nothing left out
   */
  public static JsonObject delta(JsonObject before, JsonObject after) {
    JsonObject spent = new JsonObject();
    for (String group : after.fieldNames()) {
      long nanos = after.getLong(group) - before.getLong(group, 0L);
      if (nanos > 0) {
        spent.put(group, nanos);
      }
    }
    return spent;
  }
}
