package dev.agentbus.impl.instance;

import dev.agentbus.AgentResponse;
import dev.agentbus.impl.node.InstanceKey;
import dev.agentbus.impl.rpc.Frames;
import dev.agentbus.impl.storage.InstanceFiles;
import dev.agentbus.impl.storage.UnreadableDatabaseException;
import dev.agentbus.spi.GatewayEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The instances of a node whose database file could not be read. Each is reported once, in one log
 * line, when its activation fails. The failure is then remembered with the file's size, time and
 * identity (and its WAL's), so that later messages are answered at once with the same error,
 * without opening the file again and without another report; once the file changes (repaired,
 * replaced, removed), the next message activates the instance again. See docs/design.md ("Faults").
 */
final class UnreadableInstances {

  private static final System.Logger LOG = System.getLogger(UnreadableInstances.class.getName());

  private record Known(InstanceUnavailableException error, List<Object> stamp) {}

  private final Path dataDir;
  private final ConcurrentHashMap<InstanceKey, Known> known = new ConcurrentHashMap<>();

  UnreadableInstances(Path dataDir) {
    this.dataDir = dataDir;
  }

  /**
   * @param agent an agent's public name
   * @param name an instance name
   * @return the error remembered for the instance if its file has not changed since, else {@code
   *     null} (and the error is forgotten)
   */
  @Nullable InstanceUnavailableException check(String agent, String name) {
    if (known.isEmpty()) {
      return null; // the common case: costs nothing more
    }
    InstanceKey key = new InstanceKey(agent, name);
    Known entry = known.get(key);
    if (entry == null) {
      return null;
    }
    if (entry.stamp().equals(stamp(InstanceFiles.databaseFile(dataDir, agent, name)))) {
      return entry.error();
    }
    known.remove(key, entry);
    return null;
  }

  /**
   * Remembers and reports an instance whose activation failed because its file cannot be read.
   *
   * @param key the instance
   * @param failure why its activation failed
   * @return the error for its callers, or {@code null} if the failure has another cause
   */
  @Nullable InstanceUnavailableException remember(InstanceKey key, Throwable failure) {
    Throwable cause = failure;
    while (cause != null && !(cause instanceof UnreadableDatabaseException)) {
      cause = cause.getCause();
    }
    if (!(cause instanceof UnreadableDatabaseException unreadable)) {
      return null;
    }
    InstanceUnavailableException error = new InstanceUnavailableException(key, unreadable.reason());
    known.put(key, new Known(error, stamp(unreadable.file())));
    LOG.log(
        Level.ERROR,
        "Instance "
            + key.agent()
            + "/"
            + key.name()
            + " is unavailable: its database file "
            + unreadable.file()
            + " is unreadable ("
            + unreadable.reason()
            + "). The file is left as it is; calls to the instance fail until it is repaired,"
            + " replaced or removed.");
    return error;
  }

  /**
   * Answers a message for an instance that cannot start, as far as the message can be answered: a
   * call from a connection gets an error frame, a state update a state error, an HTTP request
   * {@code 503} with the error; a connection that opens is sent nothing (its calls are answered),
   * and other frames and closes need no answer.
   *
   * @param message a message for the instance
   * @param failure why the instance cannot start
   * @return succeeded if the message was a gateway event and is answered; else failed with the
   *     failure (the sender answers it)
   */
  static Future<Void> refuse(Object message, Throwable failure) {
    if (!(failure instanceof InstanceUnavailableException error)
        || !(message instanceof GatewayEvent event)) {
      return Future.failedFuture(failure);
    }
    String text = error.getMessage();
    switch (event) {
      case GatewayEvent.Frame frame -> {
        JsonObject answer = answerTo(frame.data(), text);
        if (answer != null && frame.connection().isOpen()) {
          frame.connection().send(answer.encode());
        }
        frame.connection().frameProcessed();
      }
      case GatewayEvent.Http http ->
          http.exchange().responder().respond(AgentResponse.text(503, text));
      default -> {
        // a connection opened (it is sent nothing, stays open, and its calls are answered) or
        // closed: nothing to answer
      }
    }
    return Future.succeededFuture();
  }

  /** The answer to a frame from a connection: an rpc error, a state error, or none. */
  private static @Nullable JsonObject answerTo(Object data, String error) {
    if (!(data instanceof String text) || !text.stripLeading().startsWith("{")) {
      return null;
    }
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (RuntimeException notJson) {
      return null;
    }
    Object type = frame.getValue("type");
    if (Frames.RPC.equals(type) && frame.getValue("id") instanceof String id) {
      return Frames.error(id, error);
    }
    return Frames.STATE.equals(type) ? Frames.stateError(error) : null;
  }

  /** What identifies a version of the file and its WAL: size, time and file key, or absence. */
  private static List<Object> stamp(Path file) {
    return List.of(attributes(file), attributes(InstanceFiles.companion(file, "-wal")));
  }

  private static Object attributes(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return List.of(a.size(), a.lastModifiedTime(), String.valueOf(a.fileKey()));
    } catch (IOException missing) {
      return "none";
    }
  }
}
