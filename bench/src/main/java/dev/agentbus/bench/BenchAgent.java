package dev.agentbus.bench;

import dev.agentbus.Agent;
import dev.agentbus.AgentName;
import dev.agentbus.Callable;
import io.vertx.core.json.JsonObject;

/**
 * The agent the benchmark drives: a small state record seeded by {@link #initialState()} and read
 * in {@link #onStart}, a cheap method that touches no storage ({@link #echo}) and methods that
 * persist the state ({@link #bump}, {@link #bumpMany}).
 */
@AgentName("bench")
public class BenchAgent extends Agent<BenchAgent.Tally> {

  /**
   * The state.
   *
   * @param count how many times the state was bumped
   * @param note a short text, so that the state is not a lone number
   */
  public record Tally(long count, String note) {}

  @Override
  public Tally initialState() {
    return new Tally(0, "fresh");
  }

  @Override
  public void onStart(JsonObject props) {
    // Reading the state seeds it from initialState() (or loads the stored one).
    state();
  }

  /**
   * Returns its argument; touches no storage.
   *
   * @param value any JSON value
   * @return the same value
   */
  @Callable
  public Object echo(Object value) {
    return value;
  }

  /**
   * Persists the state once (the first call creates the instance's SQLite file).
   *
   * @return the new count
   */
  @Callable
  public long bump() {
    Tally now = state();
    setState(new Tally(now.count() + 1, now.note()));
    return now.count() + 1;
  }

  /**
   * Persists the state {@code times} times in a row, inside this one call, and times it, so that
   * the storage cost is measured without the bus.
   *
   * @param times how many setState calls
   * @return the nanoseconds the loop took
   */
  @Callable
  public long bumpMany(int times) {
    long start = System.nanoTime();
    for (int i = 0; i < times; i++) {
      Tally now = state();
      setState(new Tally(now.count() + 1, now.note()));
    }
    return System.nanoTime() - start;
  }
}
