package dev.agentbus.gateway;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads a socket's reactions the way docs/protocol.md orders them: answers to calls by id (a
 * streaming call that waits for its client lets later messages be answered first), everything else
 * in the order it was sent. Frames read ahead are kept for the reaction they belong to.
 */
final class ReplyReader {

  private final Supplier<JsonObject> next;
  private final List<JsonObject> readAhead = new ArrayList<>();

  ReplyReader(Supplier<JsonObject> next) {
    this.next = next;
  }

  /** The final frame answering call {@code id}, its chunks skipped. */
  JsonObject answerTo(String id) {
    while (true) {
      JsonObject frame =
          take(f -> "rpc".equals(f.getString("type")) && id.equals(f.getValue("id")));
      if (!Boolean.FALSE.equals(frame.getValue("done"))) {
        return frame;
      }
    }
  }

  /** The next frame that answers no call. */
  JsonObject nextOther() {
    return take(f -> !"rpc".equals(f.getString("type")));
  }

  private JsonObject take(java.util.function.Predicate<JsonObject> wanted) {
    for (Iterator<JsonObject> i = readAhead.iterator(); i.hasNext(); ) {
      JsonObject frame = i.next();
      if (wanted.test(frame)) {
        i.remove();
        return frame;
      }
    }
    while (true) {
      JsonObject frame = next.get();
      if (wanted.test(frame)) {
        return frame;
      }
      readAhead.add(frame);
    }
  }
}
