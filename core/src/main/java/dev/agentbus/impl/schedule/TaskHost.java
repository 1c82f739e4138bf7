package dev.agentbus.impl.schedule;

import dev.agentbus.impl.storage.InstanceDatabase;

/** What a live instance lends its tasks: its database and its turn accounting. */
public interface TaskHost {

  /**
   * @param create whether to create the database file if the instance has none yet
   * @return the open database, or {@code null} if there is none and {@code create} is false (or the
   *     instance was destroyed)
   */
  InstanceDatabase database(boolean create);

  /**
   * Called after writes, so that the WAL is checkpointed in time.
   *
   * @param database the database written to
   */
  void wrote(InstanceDatabase database);

  /**
   * Counts a task run as a message in progress, so that the instance does not hibernate under it.
   *
   * @return false if the instance is retiring (the run must not start)
   */
  boolean enterTurn();

  /** Ends what {@link #enterTurn()} started. */
  void leaveTurn();
}
