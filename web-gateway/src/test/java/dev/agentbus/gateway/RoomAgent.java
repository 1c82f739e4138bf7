package dev.agentbus.gateway;

import dev.agentbus.Agent;
import dev.agentbus.AgentRequest;
import dev.agentbus.AgentResponse;
import dev.agentbus.Callable;
import dev.agentbus.Connection;
import dev.agentbus.ConnectionContext;
import dev.agentbus.StateSource;
import dev.agentbus.StreamCancelledException;
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
import java.util.concurrent.atomic.AtomicLong;
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
    SENT.set(0);
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

  /** Replaces the state with one that carries {@code bytes} of padding. */
  @Callable
  public int pad(int bytes) {
    int count = state().getInteger("count") + 1;
    setState(new JsonObject().put("count", count).put("pad", "p".repeat(bytes)));
    return count;
  }

  /** Chunks {@link #countForever} has sent, over every instance. */
  static final AtomicLong SENT = new AtomicLong();

  @Callable
  public String shoutMany(int bytes, int times) {
    String text = "x".repeat(bytes);
    for (int i = 0; i < times; i++) {
      broadcast(text);
    }
    return "ok";
  }

  /** Sends chunks until its client goes away; each chunk is its number. */
  @Callable(streaming = true)
  public void countForever(StreamingResponse stream) {
    try {
      for (long i = 0; ; i++) {
        stream.send(i);
        SENT.incrementAndGet();
      }
    } catch (StreamCancelledException e) {
      note("countForever cancelled: " + e.getMessage());
      throw e;
    }
  }

  /** Answers while {@link #countForever} waits for its client (the instance is free then). */
  @Callable
  public long sentSoFar() {
    return SENT.get();
  }

  /** Sends a chunk every 10 ms from a timer, until the stream is cancelled. */
  @Callable(streaming = true)
  public void tick(StreamingResponse stream) {
    vertx()
        .setPeriodic(
            10,
            timer -> {
              if (stream.isCancelled()) {
                vertx().cancelTimer(timer);
                note("tick cancelled");
              } else {
                stream.send("tick");
              }
            });
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
                try {
                  while (stream.isOpen()) {
                    stream.write("chunk " + i++ + "\n");
                    vertx().timer(5).await();
                  }
                } finally {
                  note("endless stopped after " + i);
                }
              });
      case "flood" ->
          AgentResponse.stream(
              "text/plain",
              stream -> {
                long i = 0;
                try {
                  while (true) {
                    stream.write("chunk " + i++ + "\n");
                  }
                } catch (StreamCancelledException e) {
                  note("flood cancelled after " + i + ": " + e.getMessage());
                  throw e;
                }
              });
      default -> AgentResponse.notFound();
    };
  }
}
