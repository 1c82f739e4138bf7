package dev.agentbus.bench;

/**
 * One row of the benchmark's table: what was measured, the result, and the goal it is held to.
 *
 * @param measure what was measured
 * @param result the measured figure, formatted with its unit
 * @param goal the goal, or {@code "—"} for a figure reported for information
 * @param met whether the goal is met; {@code null} for a figure without a goal
 */
public record Figure(String measure, String result, String goal, Boolean met) {

  /**
   * A figure held to a goal.
   *
   * @param measure what was measured
   * @param result the formatted result
   * @param goal the goal, as text
   * @param met whether the result meets it
   * @return the figure
   */
  public static Figure goal(String measure, String result, String goal, boolean met) {
    return new Figure(measure, result, goal, met);
  }

  /**
   * A figure reported for information, without a goal.
   *
   * @param measure what was measured
   * @param result the formatted result
   * @return the figure
   */
  public static Figure info(String measure, String result) {
    return new Figure(measure, result, "—", null);
  }

  /**
   * A figure reported for information, with a note in the goal column.
   *
   * @param measure what was measured
   * @param result the formatted result
   * @param note e.g. a reference value to compare with
   * @return the figure
   */
  public static Figure info(String measure, String result, String note) {
    return new Figure(measure, result, note, null);
  }

  /** Whether the figure is held to a goal. */
  public boolean hasGoal() {
    return met != null;
  }
}
