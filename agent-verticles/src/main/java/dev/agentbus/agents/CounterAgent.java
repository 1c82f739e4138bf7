package dev.agentbus.agents;

import dev.agentbus.Agent;
import dev.agentbus.AgentRequest;
import dev.agentbus.AgentResponse;
import dev.agentbus.Callable;
import dev.agentbus.StreamingResponse;

/**
 * The demo agent: a counter shared by everyone who addresses the same instance, with a table of
 * rows and a streaming method.
 */
public class CounterAgent extends Agent<CounterAgent.Count> {

  /**
   * The counter's state.
   *
   * @param count the current count
   */
  public record Count(int count) {}

  @Override
  public Count initialState() {
    return new Count(0);
  }

  /**
   * Adds to the count.
   *
   * @param by the amount to add
   * @return the new count
   */
  @Callable(description = "Adds to the count and returns the new count")
  public int increment(int by) {
    setState(new Count(state().count() + by));
    return state().count();
  }

  /**
   * Returns its argument.
   *
   * @param value any JSON value
   * @return the same value
   */
  @Callable(description = "Returns its argument")
  public Object echo(Object value) {
    return value;
  }

  /**
   * Stores a row in the instance's table {@code rows}.
   *
   * @param text the row's text
   * @return the number of rows now in the table
   */
  @Callable(description = "Stores a row and returns the number of rows")
  public long addRow(String text) {
    sql("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
    sql("INSERT INTO rows (text) VALUES (?)", text);
    return sql("SELECT count(*) AS n FROM rows").get(0).getLong("n");
  }

  /**
   * HTTP: {@code GET} answers the state as JSON, {@code POST} increments by 1 and answers the new
   * state; {@code GET .../events} streams the count as Server-Sent Events, once a second, until the
   * client goes away.
   */
  @Override
  public AgentResponse onRequest(AgentRequest request) {
    if (request.subPath().equals("/events") && request.method().equals("GET")) {
      return AgentResponse.events(
          stream -> {
            while (stream.isOpen()) {
              stream.write(String.valueOf(state().count()));
              vertx().timer(1_000).await();
            }
          });
    }
    return switch (request.method()) {
      case "GET" -> AgentResponse.json(200, state());
      case "POST" -> {
        increment(1);
        yield AgentResponse.json(200, state());
      }
      default -> AgentResponse.text(405, "Method not allowed");
    };
  }

  /**
   * Streams the numbers below {@code n}, then {@code n}.
   *
   * @param stream the answer stream
   * @param n how far to count
   */
  @Callable(description = "Streams 0..n-1 as chunks, then n", streaming = true)
  public void countTo(StreamingResponse stream, int n) {
    for (int i = 0; i < n; i++) {
      stream.send(i);
    }
    stream.end(n);
  }
}
