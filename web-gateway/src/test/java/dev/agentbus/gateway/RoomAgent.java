package dev.agentbus.gateway;

import dev.agentbus.Agent;
import dev.agentbus.AgentRequest;
import dev.agentbus.AgentResponse;
import dev.agentbus.Callable;
import dev.agentbus.Connection;
import dev.agentbus.ConnectionContext;
import dev.agentbus.StateSource;
import dev.agentbus.StreamingResponse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** The agent the gateway tests talk to. */
public class RoomAgent extends Agent<JsonObject> {

  static final List<String> EVENTS = new CopyOnWriteArrayList<>();

  private static final List<Map.Entry<Predicate<String>, Promise<String>>> WAITERS =
      new ArrayList<>();

  /** Records an event and completes the waiters it satisfies. */
  static void note(String event) {
    synchronized (WAITERS) {
      EVENTS.add(event);
      WAITERS.removeIf(
          waiter -> waiter.getKey().test(event) && waiter.getValue().tryComplete(event));
    }
  }

  /**
   * @return completes with the first event recorded (before or after this call) that matches
   */
  static Future<String> event(Predicate<String> matching) {
    synchronized (WAITERS) {
      for (String event : EVENTS) {
        if (matching.test(event)) {
          return Future.succeededFuture(event);
        }
      }
      Promise<String> promise = Promise.promise();
      WAITERS.add(Map.entry(matching, promise));
      return promise.future();
    }
  }

  /** Waits up to 5 s for an event that matches. */
  static String awaitEvent(Predicate<String> matching) {
    try {
      return event(matching).await(5, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no such event within 5 s among " + EVENTS, e);
    }
  }

  static void reset() {
    synchronized (WAITERS) {
      EVENTS.clear();
      WAITERS.clear();
    }
  }

  @Override
  public JsonObject initialState() {
    return new JsonObject().put("count", 0);
  }

  @Override
  public boolean validateStateChange(JsonObject next, StateSource source) {
    return next.getInteger("count", 0) >= 0;
  }

  @Override
  public void onStateUpdate(JsonObject state, StateSource source) {
    note("state " + state.getInteger("count") + " from " + source);
  }

  @Override
  public Set<String> connectionTags(Connection connection, ConnectionContext context) {
    return context.query().contains("tag=blue") ? Set.of("blue") : Set.of();
  }

  @Override
  public boolean shouldConnectionBeReadonly(Connection connection, ConnectionContext context) {
    return context.query().contains("readonly=true");
  }

  @Override
  public boolean shouldSendProtocolMessages(Connection connection, ConnectionContext context) {
    return !context.query().contains("protocol=false");
  }

  @Override
  public void onConnect(Connection connection, ConnectionContext context) {
    connection.setState(new JsonObject().put("path", context.subPath()));
    note("connect " + connection.id() + " " + context.subPath());
  }

  @Override
  public void onMessage(Connection connection, Object message) {
    String text = message instanceof Buffer b ? "binary:" + b.length() : (String) message;
    note("message " + text);
    connection.send("echo:" + text);
  }

  @Override
  public void onClose(Connection connection, int code, String reason, boolean wasClean) {
    note("close " + connection.id() + " " + code);
  }

  @Callable
  public int increment(int by) {
    setState(state().copy().put("count", state().getInteger("count") + by));
    return state().getInteger("count");
  }

  @Callable
  public Object echo(Object value) {
    return value;
  }

  @Callable
  public String fail(String message) {
    throw new IllegalStateException(message);
  }

  @Callable(streaming = true)
  public void count(StreamingResponse stream, int n) {
    for (int i = 0; i < n; i++) {
      stream.send(i);
    }
    stream.end(n);
  }

  @Callable
  public Object myConnectionState() {
    return currentConnection().state();
  }

  @Callable
  public int connectionsTagged(String tag) {
    return getConnections(tag).size();
  }

  @Callable
  public String shout(String text) {
    broadcast("shout:" + text);
    return "ok";
  }

  @Override
  public AgentResponse onRequest(AgentRequest request) {
    return switch (request.lastSegment()) {
      case "state" -> AgentResponse.json(200, new JsonObject().put("state", state()));
      case "echo" ->
          AgentResponse.json(
              200,
              new JsonObject()
                  .put("method", request.method())
                  .put("body", request.bodyAsString())
                  .put("path", request.subPath())
                  .put("query", request.query()));
      case "events" ->
          AgentResponse.events(
              stream -> {
                for (int i = 0; i < 3; i++) {
                  stream.write("tick " + i);
                  vertx().timer(20).await();
                }
                stream.event("done", "bye");
                stream.end();
              });
      case "endless" ->
          AgentResponse.stream(
              "text/plain",
              stream -> {
                int i = 0;
                while (stream.isOpen()) {
                  stream.write("chunk " + i++ + "\n");
                  vertx().timer(5).await();
                }
                note("endless stopped after " + i);
              });
      default -> AgentResponse.notFound();
    };
  }
}
