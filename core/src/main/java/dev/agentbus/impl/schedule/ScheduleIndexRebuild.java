package dev.agentbus.impl.schedule;

import dev.agentbus.impl.node.InstanceKey;
import dev.agentbus.impl.storage.InstanceDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Rebuilds the node's schedule index from the instance files, for an index that cannot be read.
 * Each instance file is opened once; one with schedules or queued tasks gives one row, the time of
 * its earliest task (what the instance itself reports as its durable time). The instance files are
 * the truth, the index only says whom to wake when, so nothing is lost; the cost is opening every
 * file of the data directory once, at start (a few hundred per second on a slow disk).
 */
final class ScheduleIndexRebuild {

  private static final String EARLIEST =
      "SELECT min(time) AS due FROM (SELECT time FROM "
          + TaskTables.SCHEDULES
          + " UNION ALL SELECT time FROM "
          + TaskTables.QUEUE
          + ")";

  /**
   * What a scan found.
   *
   * @param rows one per instance with tasks
   * @param files the instance files read
   * @param unreadable the files that could not be read (left out; each is reported when its
   *     instance is next called)
   */
  record Result(List<ScheduleIndex.Row> rows, int files, int unreadable) {}

  private ScheduleIndexRebuild() {}

  /**
   * Reads every instance file of a data directory ({@code <agent>/<h0h1>/<hash>.db}).
   *
   * @param dataDir the data directory
   * @return the rows of the index
   */
  static Result scan(Path dataDir) {
    List<ScheduleIndex.Row> rows = new ArrayList<>();
    int files = 0;
    int unreadable = 0;
    try (Stream<Path> agents = Files.list(dataDir)) {
      for (Path agentDir : agents.filter(ScheduleIndexRebuild::isAgentDirectory).toList()) {
        String agent = agentDir.getFileName().toString();
        try (Stream<Path> found = Files.walk(agentDir, 2)) {
          for (Path file : found.filter(p -> p.toString().endsWith(".db")).toList()) {
            files++;
            try {
              ScheduleIndex.Row row = read(agent, file);
              if (row != null) {
                rows.add(row);
              }
            } catch (RuntimeException e) {
              unreadable++;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the data directory " + dataDir, e);
    }
    return new Result(rows, files, unreadable);
  }

  private static boolean isAgentDirectory(Path path) {
    return Files.isDirectory(path) && !path.getFileName().toString().startsWith(".");
  }

  /** The row of one instance file, or {@code null} if it has no task. */
  private static ScheduleIndex.@Nullable Row read(String agent, Path file) {
    try (InstanceDatabase database = InstanceDatabase.openIfExists(file)) {
      if (database == null || !TaskTables.exist(database)) {
        return null;
      }
      String name = database.readStored().name();
      Long due = database.query(EARLIEST).get(0).getLong("due");
      return name == null || due == null
          ? null
          : new ScheduleIndex.Row(new InstanceKey(agent, name), due);
    }
  }
}
