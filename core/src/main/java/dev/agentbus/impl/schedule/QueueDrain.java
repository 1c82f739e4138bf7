package dev.agentbus.impl.schedule;

import dev.agentbus.AgentBusOptions;
import dev.agentbus.QueuedTask;
import dev.agentbus.impl.node.InstanceKey;
import dev.agentbus.impl.storage.InstanceDatabase;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Runs an instance's queued tasks one after the other, oldest first, until none is due: each is
 * attempted ({@link TaskAttempts}), then deleted, or set to retry later (later tasks do not wait
 * for it), or recorded as failed.
 */
final class QueueDrain {

  private static final System.Logger LOG = System.getLogger(QueueDrain.class.getName());

  private final AgentBusOptions options;
  private final InstanceKey key;
  private final TaskHost host;
  private final TaskAttempts tries;
  private final LongSupplier clock;

  QueueDrain(
      AgentBusOptions options,
      InstanceKey key,
      TaskHost host,
      TaskAttempts tries,
      LongSupplier clock) {
    this.options = options;
    this.key = key;
    this.host = host;
    this.tries = tries;
    this.clock = clock;
  }

  /** Runs the due tasks; returns when none is left (or the instance was destroyed). */
  void run() {
    try {
      while (true) {
        InstanceDatabase db = host.database(false);
        if (db == null) {
          break;
        }
        List<JsonObject> next =
            db.query(
                "SELECT * FROM " + TaskTables.QUEUE + " WHERE time <= ? ORDER BY seq LIMIT 1",
                clock.getAsLong());
        if (next.isEmpty()) {
          break;
        }
        JsonObject row = next.get(0);
        QueuedTask task = TaskTables.queued(row);
        Throwable failure = tries.call(task.callback(), task.payload(), task);
        db = host.database(false);
        if (db == null) {
          break;
        }
        long now = clock.getAsLong();
        int attempts = row.getInteger("attempts") + 1;
        Object seq = row.getValue("seq");
        if (failure != null && attempts < options.getScheduleMaxAttempts()) {
          tries.retry(db, TaskTables.QUEUE, "seq", seq, row, attempts, failure, now);
        } else {
          if (failure != null) {
            tries.failed(db, task.id(), "queue", row, failure, attempts, now);
          }
          db.query("DELETE FROM " + TaskTables.QUEUE + " WHERE seq = ?", seq);
        }
        host.wrote(db);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "The queue of a " + key.agent() + " instance stopped", e);
    }
  }
}
