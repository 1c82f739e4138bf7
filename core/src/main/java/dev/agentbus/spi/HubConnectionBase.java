package dev.agentbus.spi;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What every {@link HubConnection} keeps the same way: its key and id, its per-connection state,
 * and the settings an instance decides when it opens (tags, read-only, protocol frames). Safe to
 * read from any thread. A subclass says how to write to its client and whether it is open.
 */
public abstract class HubConnectionBase implements HubConnection {

  private final String key;
  private final String id;
  private volatile @Nullable Object state;
  private volatile Set<String> tags = Set.of();
  private volatile boolean readonly;
  private volatile boolean protocol = true;

  /**
   * A connection with no state and no tags, writable, receiving protocol frames.
   *
   * @param key the socket's key, unique on its node
   * @param id the connection id (a reconnecting client reuses it)
   */
  protected HubConnectionBase(String key, String id) {
    this.key = key;
    this.id = id;
  }

  @Override
  public final String key() {
    return key;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final @Nullable Object state() {
    return state;
  }

  @Override
  public final void setState(@Nullable Object state) {
    this.state = state;
  }

  @Override
  public final Set<String> tags() {
    return tags;
  }

  @Override
  public final void setTags(Set<String> tags) {
    this.tags = Set.copyOf(tags);
  }

  @Override
  public final boolean isReadonly() {
    return readonly;
  }

  @Override
  public final void setReadonly(boolean readonly) {
    this.readonly = readonly;
  }

  @Override
  public final boolean isProtocolEnabled() {
    return protocol;
  }

  @Override
  public final void setProtocolEnabled(boolean enabled) {
    this.protocol = enabled;
  }
}
