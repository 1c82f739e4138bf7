package dev.agentbus.gateway;

import dev.agentbus.AgentRequest;
import dev.agentbus.AgentResponse;
import dev.agentbus.Callable;
import dev.agentbus.Connection;
import dev.agentbus.ConnectionContext;
import dev.agentbus.StateSource;
import dev.agentbus.StreamingResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent the frame fuzzer talks to. Every public method that is not {@code @Callable} and that a
 * subclass can override records a call that came straight from the RPC machinery, which must never
 * happen; {@code onMessage} answers each message with its kind and length, so that the fuzzer sees
 * what arrived.
 */
public class FuzzAgent extends dev.agentbus.Agent<JsonObject> {

  /** Non-callable methods reached through an RPC call: must stay empty. */
  static final List<String> REACHED = new CopyOnWriteArrayList<>();

  /** Longest message that reached {@code onMessage}, in bytes (binary) or characters (text). */
  static final AtomicLong LONGEST_MESSAGE = new AtomicLong();

  /** The methods a caller may reach, with the arguments the fuzzer gives them. */
  static final Set<String> CALLABLE = Set.of("echo", "increment", "count", "fail");

  /**
   * Records the calling method if the RPC machinery (dev.agentbus.impl.rpc) invoked it directly,
   * through reflection; a hook the runtime calls, or one called by a callable, is not recorded.
   */
  static void noteIfCalledByRpc() {
    List<StackWalker.StackFrame> frames =
        StackWalker.getInstance().walk(stack -> stack.skip(1).limit(32).toList());
    frames.stream()
        .dropWhile(frame -> frame.getClassName().equals(FuzzAgent.class.getName()))
        .dropWhile(FuzzAgent::isReflection)
        .findFirst()
        .filter(caller -> caller.getClassName().startsWith("dev.agentbus.impl.rpc."))
        .ifPresent(caller -> REACHED.add(frames.get(0).getMethodName()));
  }

  private static boolean isReflection(StackWalker.StackFrame frame) {
    String name = frame.getClassName();
    return name.startsWith("java.lang.reflect.")
        || name.startsWith("jdk.internal.reflect.")
        || name.startsWith("java.lang.invoke.");
  }

  @Callable
  public Object echo(Object value) {
    return value;
  }

  @Callable
  public int increment(int by) {
    long next = (long) state().getInteger("count") + by;
    if (next < 0 || next > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("The count would leave 0.." + Integer.MAX_VALUE);
    }
    setState(state().copy().put("count", (int) next));
    return (int) next;
  }

  /** Streams at most 10 chunks: runaway streams are another issue's subject. */
  @Callable(streaming = true)
  public void count(StreamingResponse stream, int n) {
    int chunks = Math.min(n, 10);
    for (int i = 0; i < chunks; i++) {
      stream.send(i);
    }
    stream.end(chunks);
  }

  @Callable
  public String fail(String message) {
    throw new IllegalStateException(message);
  }

  /** Public, not callable: reaching it is a failure whoever calls it. */
  public void wipe() {
    REACHED.add("wipe");
  }

  /** Public and static, not callable. */
  public static String secret() {
    REACHED.add("secret");
    return "secret";
  }

  @Override
  public JsonObject initialState() {
    noteIfCalledByRpc();
    return new JsonObject().put("count", 0);
  }

  @Override
  public boolean validateStateChange(JsonObject next, StateSource source) {
    noteIfCalledByRpc();
    return next.getValue("count") instanceof Integer count && count >= 0;
  }

  @Override
  public void onStateUpdate(JsonObject state, StateSource source) {
    noteIfCalledByRpc();
  }

  @Override
  public void onStart(JsonObject props) {
    noteIfCalledByRpc();
  }

  @Override
  public void onHibernate() {
    noteIfCalledByRpc();
  }

  @Override
  public void onConnect(Connection connection, ConnectionContext context) {
    noteIfCalledByRpc();
  }

  @Override
  public void onMessage(Connection connection, Object message) {
    noteIfCalledByRpc();
    long length = message instanceof Buffer data ? data.length() : ((String) message).length();
    LONGEST_MESSAGE.accumulateAndGet(length, Math::max);
    connection.send(
        new JsonObject()
            .put("type", "fuzz_message")
            .put("kind", message instanceof Buffer ? "binary" : "text")
            .put("length", length)
            .encode());
  }

  @Override
  public void onClose(Connection connection, int code, String reason, boolean wasClean) {
    noteIfCalledByRpc();
  }

  @Override
  public void onError(Connection connection, Throwable error) {
    noteIfCalledByRpc();
    super.onError(connection, error);
  }

  @Override
  public Set<String> connectionTags(Connection connection, ConnectionContext context) {
    noteIfCalledByRpc();
    return Set.of();
  }

  @Override
  public boolean shouldSendProtocolMessages(Connection connection, ConnectionContext context) {
    noteIfCalledByRpc();
    return true;
  }

  @Override
  public boolean shouldConnectionBeReadonly(Connection connection, ConnectionContext context) {
    noteIfCalledByRpc();
    return false;
  }

  @Override
  public boolean sendIdentityOnConnect() {
    noteIfCalledByRpc();
    return true;
  }

  @Override
  public AgentResponse onRequest(AgentRequest request) {
    noteIfCalledByRpc();
    return AgentResponse.notFound();
  }

  @Override
  public String toString() {
    noteIfCalledByRpc();
    return "FuzzAgent";
  }

  @Override
  public int hashCode() {
    noteIfCalledByRpc();
    return super.hashCode();
  }

  @Override
  public boolean equals(Object other) {
    noteIfCalledByRpc();
    return super.equals(other);
  }
}
