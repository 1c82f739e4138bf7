package dev.agentbus;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of an {@link AgentBus}. Loads from JSON ({@link #AgentBusOptions(JsonObject)}, the
 * keys are the property names below) through the same setters as code uses. A setter refuses a
 * value out of its range with an {@link IllegalArgumentException} that names the option and the
 * value, e.g. {@code idleTimeoutMs must be at least 1, got 0}. The application also reads every
 * option from an environment variable ({@code docs/configuration.md}).
 */
public class AgentBusOptions {

  /** Default data directory: {@code data}, relative to the working directory. */
  public static final String DEFAULT_DATA_DIR = "data";

  /** Default prefix of instance bus addresses: {@code agents}. */
  public static final String DEFAULT_ADDRESS_PREFIX = "agents";

  /** Default idle time after which a live instance hibernates: 30 s. */
  public static final long DEFAULT_IDLE_TIMEOUT_MS = 30_000;

  /**
   * Default number of live instances beyond which the least recently used hibernate: 5,000. A live
   * instance with a database holds three file descriptors (database, WAL, shared memory) and about
   * 110 KB of native memory; raise the limit together with {@code ulimit -n}.
   */
  public static final int DEFAULT_MAX_LIVE_INSTANCES = 5_000;

  /** Default time a call waits for its answer: 30 s. */
  public static final long DEFAULT_CALL_TIMEOUT_MS = 30_000;

  /** Default number of platform threads that run SQLite work. */
  public static final int DEFAULT_SQLITE_THREADS = 4;

  /** Default longest instance name, in UTF-8 bytes: 4096. */
  public static final int DEFAULT_MAX_NAME_BYTES = 4096;

  /** Default time a graceful stop waits for running calls before it hibernates anyway: 10 s. */
  public static final long DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

  /** Default number of times a schedule's or queued task's run is tried: 3. */
  public static final int DEFAULT_SCHEDULE_MAX_ATTEMPTS = 3;

  /** Default wait before the first retry of a failed run (doubled for each next one): 1 s. */
  public static final long DEFAULT_SCHEDULE_RETRY_DELAY_MS = 1_000;

  /** Default time after which a run still in progress counts as hung and failed: 5 minutes. */
  public static final long DEFAULT_SCHEDULE_RUN_TIMEOUT_MS = 300_000;

  /** Default largest payload of a schedule or queued task, as JSON: 1 MiB. */
  public static final int DEFAULT_MAX_TASK_PAYLOAD_BYTES = 1_048_576;

  private String dataDir = DEFAULT_DATA_DIR;
  private String addressPrefix = DEFAULT_ADDRESS_PREFIX;
  private long idleTimeoutMs = DEFAULT_IDLE_TIMEOUT_MS;
  private int maxLiveInstances = DEFAULT_MAX_LIVE_INSTANCES;
  private long callTimeoutMs = DEFAULT_CALL_TIMEOUT_MS;
  private int sqliteThreads = DEFAULT_SQLITE_THREADS;
  private int maxNameBytes = DEFAULT_MAX_NAME_BYTES;
  private long shutdownTimeoutMs = DEFAULT_SHUTDOWN_TIMEOUT_MS;
  private JsonObject agentConfig = new JsonObject();
  private int scheduleMaxAttempts = DEFAULT_SCHEDULE_MAX_ATTEMPTS;
  private long scheduleRetryDelayMs = DEFAULT_SCHEDULE_RETRY_DELAY_MS;
  private long scheduleRunTimeoutMs = DEFAULT_SCHEDULE_RUN_TIMEOUT_MS;
  private int maxTaskPayloadBytes = DEFAULT_MAX_TASK_PAYLOAD_BYTES;

  /** Options with every default. */
  public AgentBusOptions() {}

  /**
   * A copy of other options.
   *
   * @param other the options to copy
   */
  public AgentBusOptions(AgentBusOptions other) {
    this(other.toJson());
  }

  /**
   * Options read from JSON, each key through its setter; absent keys keep their defaults.
   *
   * @param json e.g. {@code {"dataDir":"/var/lib/agentbus","idleTimeoutMs":60000}}; the keys are
   *     the property names, as {@link #toJson()} writes them
   * @throws IllegalArgumentException naming the key, for a key that is no option, a value of the
   *     wrong JSON type, or a value the setter refuses
   */
  public AgentBusOptions(JsonObject json) {
    json.forEach(entry -> set(entry.getKey(), entry.getValue()));
  }

  private void set(String key, @Nullable Object value) {
    switch (key) {
      case "dataDir" -> setDataDir(OptionValues.string(key, value));
      case "addressPrefix" -> setAddressPrefix(OptionValues.string(key, value));
      case "idleTimeoutMs" -> setIdleTimeoutMs(OptionValues.longValue(key, value));
      case "maxLiveInstances" -> setMaxLiveInstances(OptionValues.intValue(key, value));
      case "callTimeoutMs" -> setCallTimeoutMs(OptionValues.longValue(key, value));
      case "sqliteThreads" -> setSqliteThreads(OptionValues.intValue(key, value));
      case "maxNameBytes" -> setMaxNameBytes(OptionValues.intValue(key, value));
      case "shutdownTimeoutMs" -> setShutdownTimeoutMs(OptionValues.longValue(key, value));
      case "agentConfig" -> setAgentConfig(OptionValues.object(key, value));
      case "scheduleMaxAttempts" -> setScheduleMaxAttempts(OptionValues.intValue(key, value));
      case "scheduleRetryDelayMs" -> setScheduleRetryDelayMs(OptionValues.longValue(key, value));
      case "scheduleRunTimeoutMs" -> setScheduleRunTimeoutMs(OptionValues.longValue(key, value));
      case "maxTaskPayloadBytes" -> setMaxTaskPayloadBytes(OptionValues.intValue(key, value));
      default -> throw OptionValues.unknown(key);
    }
  }

  private static long atLeast(String option, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(option + " must be at least " + min + ", got " + value);
    }
    return value;
  }

  /** {@return these options as JSON, readable by {@link #AgentBusOptions(JsonObject)}} */
  public JsonObject toJson() {
    return new JsonObject()
        .put("dataDir", dataDir)
        .put("addressPrefix", addressPrefix)
        .put("idleTimeoutMs", idleTimeoutMs)
        .put("maxLiveInstances", maxLiveInstances)
        .put("callTimeoutMs", callTimeoutMs)
        .put("sqliteThreads", sqliteThreads)
        .put("maxNameBytes", maxNameBytes)
        .put("shutdownTimeoutMs", shutdownTimeoutMs)
        .put("agentConfig", agentConfig.copy())
        .put("scheduleMaxAttempts", scheduleMaxAttempts)
        .put("scheduleRetryDelayMs", scheduleRetryDelayMs)
        .put("scheduleRunTimeoutMs", scheduleRunTimeoutMs)
        .put("maxTaskPayloadBytes", maxTaskPayloadBytes);
  }

  /** {@return the directory that holds one SQLite file per instance} */
  public String getDataDir() {
    return dataDir;
  }

  /**
   * Sets the data directory.
   *
   * @param dataDir the directory that holds one SQLite file per instance; created if missing; not
   *     empty
   * @return these options
   */
  public AgentBusOptions setDataDir(String dataDir) {
    if (dataDir == null || dataDir.isEmpty()) {
      throw new IllegalArgumentException(
          "dataDir must be a directory path, got " + Json.encode(dataDir));
    }
    this.dataDir = dataDir;
    return this;
  }

  /** {@return the first part of every instance address: {@code <prefix>.<agent>.<name>}} */
  public String getAddressPrefix() {
    return addressPrefix;
  }

  /**
   * Sets the address prefix.
   *
   * @param addressPrefix the first part of every instance address; not empty, no dots
   * @return these options
   */
  public AgentBusOptions setAddressPrefix(String addressPrefix) {
    if (addressPrefix == null || addressPrefix.isEmpty() || addressPrefix.contains(".")) {
      throw new IllegalArgumentException(
          "addressPrefix must be non-empty and contain no dot, got " + Json.encode(addressPrefix));
    }
    this.addressPrefix = addressPrefix;
    return this;
  }

  /** {@return how long a live instance may stay idle before it hibernates, in milliseconds} */
  public long getIdleTimeoutMs() {
    return idleTimeoutMs;
  }

  /**
   * Sets the idle time after which a live instance hibernates.
   *
   * @param idleTimeoutMs idle time before hibernation, in milliseconds; at least 1
   * @return these options
   */
  public AgentBusOptions setIdleTimeoutMs(long idleTimeoutMs) {
    this.idleTimeoutMs = atLeast("idleTimeoutMs", idleTimeoutMs, 1);
    return this;
  }

  /**
   * {@return the number of live instances beyond which the least recently used idle ones hibernate}
   */
  public int getMaxLiveInstances() {
    return maxLiveInstances;
  }

  /**
   * Sets how many instances may be live before the least recently used idle ones hibernate.
   *
   * @param maxLiveInstances at least 1
   * @return these options
   */
  public AgentBusOptions setMaxLiveInstances(int maxLiveInstances) {
    this.maxLiveInstances = (int) atLeast("maxLiveInstances", maxLiveInstances, 1);
    return this;
  }

  /** {@return how long a call waits for its answer before it fails, in milliseconds} */
  public long getCallTimeoutMs() {
    return callTimeoutMs;
  }

  /**
   * Sets how long a call waits for its answer, in milliseconds.
   *
   * @param callTimeoutMs at least 1
   * @return these options
   */
  public AgentBusOptions setCallTimeoutMs(long callTimeoutMs) {
    this.callTimeoutMs = atLeast("callTimeoutMs", callTimeoutMs, 1);
    return this;
  }

  /** {@return the number of platform threads that run SQLite work for all instances} */
  public int getSqliteThreads() {
    return sqliteThreads;
  }

  /**
   * Sets the number of platform threads that run SQLite work.
   *
   * @param sqliteThreads at least 1
   * @return these options
   */
  public AgentBusOptions setSqliteThreads(int sqliteThreads) {
    this.sqliteThreads = (int) atLeast("sqliteThreads", sqliteThreads, 1);
    return this;
  }

  /** {@return the longest accepted instance name, in UTF-8 bytes} */
  public int getMaxNameBytes() {
    return maxNameBytes;
  }

  /**
   * Sets the longest accepted instance name.
   *
   * @param maxNameBytes the longest accepted instance name in UTF-8 bytes; at least 1
   * @return these options
   */
  public AgentBusOptions setMaxNameBytes(int maxNameBytes) {
    this.maxNameBytes = (int) atLeast("maxNameBytes", maxNameBytes, 1);
    return this;
  }

  /** {@return how long a graceful stop waits for running calls before it hibernates anyway} */
  public long getShutdownTimeoutMs() {
    return shutdownTimeoutMs;
  }

  /**
   * Sets how long a graceful stop waits for running calls, in milliseconds.
   *
   * @param shutdownTimeoutMs at least 0
   * @return these options
   */
  public AgentBusOptions setShutdownTimeoutMs(long shutdownTimeoutMs) {
    this.shutdownTimeoutMs = atLeast("shutdownTimeoutMs", shutdownTimeoutMs, 0);
    return this;
  }

  /** {@return the configuration every agent sees as {@link Agent#config()}} */
  public JsonObject getAgentConfig() {
    return agentConfig;
  }

  /**
   * Sets the configuration agents see.
   *
   * @param agentConfig the configuration every agent sees as {@link Agent#config()}; not null
   * @return these options
   */
  public AgentBusOptions setAgentConfig(JsonObject agentConfig) {
    if (agentConfig == null) {
      throw new IllegalArgumentException("agentConfig must be a JSON object, got null");
    }
    this.agentConfig = agentConfig;
    return this;
  }

  /**
   * {@return how many times a run of a schedule or queued task is tried before it is recorded as
   * failed}
   */
  public int getScheduleMaxAttempts() {
    return scheduleMaxAttempts;
  }

  /**
   * Sets how many times a run is tried before it is recorded as failed.
   *
   * @param scheduleMaxAttempts at least 1 (1 = no retry); a schedule may set its own
   * @return these options
   */
  public AgentBusOptions setScheduleMaxAttempts(int scheduleMaxAttempts) {
    this.scheduleMaxAttempts = (int) atLeast("scheduleMaxAttempts", scheduleMaxAttempts, 1);
    return this;
  }

  /**
   * {@return the wait before the first retry of a failed run, in milliseconds; doubled for each
   * next one}
   */
  public long getScheduleRetryDelayMs() {
    return scheduleRetryDelayMs;
  }

  /**
   * Sets the wait before the first retry of a failed run, in milliseconds.
   *
   * @param scheduleRetryDelayMs at least 0; a schedule may set its own
   * @return these options
   */
  public AgentBusOptions setScheduleRetryDelayMs(long scheduleRetryDelayMs) {
    this.scheduleRetryDelayMs = atLeast("scheduleRetryDelayMs", scheduleRetryDelayMs, 0);
    return this;
  }

  /**
   * How long a run of a schedule or queued task may take, in milliseconds (real time). A run still
   * in progress then is abandoned and counts as a failed attempt, so that a hung interval runs
   * again; meanwhile it is never started twice.
   *
   * @return the run timeout in milliseconds
   */
  public long getScheduleRunTimeoutMs() {
    return scheduleRunTimeoutMs;
  }

  /**
   * Sets how long a run may take before it counts as hung, in milliseconds.
   *
   * @param scheduleRunTimeoutMs at least 1
   * @return these options
   */
  public AgentBusOptions setScheduleRunTimeoutMs(long scheduleRunTimeoutMs) {
    this.scheduleRunTimeoutMs = atLeast("scheduleRunTimeoutMs", scheduleRunTimeoutMs, 1);
    return this;
  }

  /** {@return the largest payload of a schedule or queued task, in bytes of JSON} */
  public int getMaxTaskPayloadBytes() {
    return maxTaskPayloadBytes;
  }

  /**
   * Sets the largest payload of a schedule or queued task, in bytes of JSON.
   *
   * @param maxTaskPayloadBytes at least 1
   * @return these options
   */
  public AgentBusOptions setMaxTaskPayloadBytes(int maxTaskPayloadBytes) {
    this.maxTaskPayloadBytes = (int) atLeast("maxTaskPayloadBytes", maxTaskPayloadBytes, 1);
    return this;
  }
}
