package dev.agentbus.impl.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** 5-field UNIX cron expressions, parsed and computed with cron-utils, read in the clock's zone. */
final class CronTimes {

  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final int MAX_CACHED = 1_000;
  private static final Map<String, ExecutionTime> CACHE = new ConcurrentHashMap<>();

  private CronTimes() {}

  /**
   * Parses an expression.
   *
   * @param expression e.g. {@code 0 9 * * 1} (Mondays at 09:00)
   * @return its execution times
   * @throws IllegalArgumentException with the reason if it is not a valid 5-field expression
   */
  static ExecutionTime parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("A cron expression must not be empty");
    }
    ExecutionTime cached = CACHE.get(expression);
    if (cached != null) {
      return cached;
    }
    ExecutionTime times;
    try {
      times = ExecutionTime.forCron(PARSER.parse(expression).validate());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Invalid cron expression '"
              + expression
              + "': "
              + e.getMessage()
              + " (expected 5 fields: minute hour day-of-month month day-of-week)");
    }
    if (CACHE.size() >= MAX_CACHED) {
      CACHE.clear();
    }
    CACHE.put(expression, times);
    return times;
  }

  /**
   * The first occurrence strictly after a time.
   *
   * @param expression a valid expression
   * @param after the time
   * @param clock gives the zone the expression is read in
   * @return the occurrence, or empty if there is none
   */
  static Optional<Instant> next(String expression, Instant after, Clock clock) {
    return parse(expression)
        .nextExecution(ZonedDateTime.ofInstant(after, clock.getZone()))
        .map(ZonedDateTime::toInstant);
  }
}
