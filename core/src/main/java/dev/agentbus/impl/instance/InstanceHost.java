package dev.agentbus.impl.instance;

import dev.agentbus.Addresses;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.impl.schedule.NodeScheduler;
import dev.agentbus.impl.storage.DataDirectoryLock;
import dev.agentbus.impl.storage.DatabaseTemplate;
import dev.agentbus.impl.storage.SqliteExecutor;
import dev.agentbus.spi.ConnectionHub;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;

/** What every instance of one runtime shares: Vert.x, options, the data directory, SQLite pool. */
public final class InstanceHost {

  private final Vertx vertx;
  private final AgentBusOptions options;
  private final Path dataDir;
  private final Path template;
  private final DataDirectoryLock lock;
  private final SqliteExecutor sqlite;
  private final InstanceDirectory directory;
  private final NodeScheduler scheduler;
  private final Addresses addresses;
  private volatile ConnectionHub connectionHub = NoConnections.INSTANCE;

  /**
   * @param vertx the Vert.x instance
   * @param options the runtime's options
   * @param clock the clock schedules follow
   * @throws IllegalStateException if the runtime cannot start on its data directory (held by
   *     another runtime, or a file of the node's own cannot be made or opened), in one line
   */
  public InstanceHost(Vertx vertx, AgentBusOptions options, Clock clock) {
    this.vertx = vertx;
    this.options = new AgentBusOptions(options);
    this.dataDir = Path.of(options.getDataDir()).toAbsolutePath().normalize();
    this.lock = DataDirectoryLock.acquire(dataDir);
    try {
      this.template = DatabaseTemplate.ensure(dataDir);
      this.scheduler = new NodeScheduler(vertx, dataDir, clock, this.options.getCallTimeoutMs());
    } catch (RuntimeException e) {
      lock.close(); // a runtime that cannot start leaves the directory to the next one
      throw e instanceof IllegalStateException
          ? e
          : new IllegalStateException("Cannot start on " + dataDir + ": " + e.getMessage(), e);
    }
    this.sqlite = new SqliteExecutor(options.getSqliteThreads());
    this.directory = new InstanceDirectory(this);
    this.addresses = new Addresses(options.getAddressPrefix());
  }

  /** The node's scheduler: wakes instances whose tasks are due. */
  public NodeScheduler scheduler() {
    return scheduler;
  }

  /** The Vert.x instance. */
  public Vertx vertx() {
    return vertx;
  }

  /** The options (a private copy). */
  public AgentBusOptions options() {
    return options;
  }

  /** The configuration agents see. */
  public JsonObject agentConfig() {
    return options.getAgentConfig();
  }

  /** The absolute data directory. */
  public Path dataDir() {
    return dataDir;
  }

  /** The template new instance databases are copied from. */
  public Path template() {
    return template;
  }

  /** The SQLite work pool. */
  public SqliteExecutor sqlite() {
    return sqlite;
  }

  /** Where instances find their connections (none until a gateway registers one). */
  public ConnectionHub connectionHub() {
    return connectionHub;
  }

  /**
   * @param hub the gateway's connections
   */
  public void setConnectionHub(ConnectionHub hub) {
    this.connectionHub = hub;
  }

  /** The live instances of this node. */
  public InstanceDirectory directory() {
    return directory;
  }

  /** Releases the data directory for another runtime (the runtime has closed). */
  public void releaseDataDirectory() {
    lock.close();
  }

  /** The bus addresses of instances. */
  public Addresses addresses() {
    return addresses;
  }
}
