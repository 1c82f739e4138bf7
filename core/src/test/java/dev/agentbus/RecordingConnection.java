package dev.agentbus;

import dev.agentbus.spi.HubConnection;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A gateway connection for tests: keeps what the instance sends to it. */
final class RecordingConnection implements HubConnection {

  final List<String> sent = new CopyOnWriteArrayList<>();
  private final String id;
  private volatile Object state;
  private volatile Set<String> tags = Set.of();
  private volatile boolean readonly;
  private volatile boolean protocol = true;

  RecordingConnection(String id) {
    this.id = id;
  }

  @Override
  public String key() {
    return "key-" + id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Object state() {
    return state;
  }

  @Override
  public void setState(Object state) {
    this.state = state;
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
  public Set<String> tags() {
    return tags;
  }

  @Override
  public void setTags(Set<String> tags) {
    this.tags = Set.copyOf(tags);
  }

  @Override
  public boolean isReadonly() {
    return readonly;
  }

  @Override
  public void setReadonly(boolean readonly) {
    this.readonly = readonly;
  }

  @Override
  public boolean isProtocolEnabled() {
    return protocol;
  }

  @Override
  public void setProtocolEnabled(boolean enabled) {
    this.protocol = enabled;
  }

  @Override
  public boolean isOpen() {
    return true;
  }

  @Override
  public void frameProcessed() {}
}
