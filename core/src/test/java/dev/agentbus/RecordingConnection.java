package dev.agentbus;

import dev.agentbus.spi.HubConnectionBase;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A gateway connection for tests: keeps what the instance sends to it. */
final class RecordingConnection extends HubConnectionBase {

  final List<String> sent = new CopyOnWriteArrayList<>();

  RecordingConnection(String id) {
    super("key-" + id, id);
  }

  @Override
  public void send(String text) {
    sent.add(text);
  }

  @Override
  public void send(Buffer data) {
    sent.add(data.toString());
  }

  @Override
  public void close(int code, String reason) {}

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public void frameProcessed() {}
}
