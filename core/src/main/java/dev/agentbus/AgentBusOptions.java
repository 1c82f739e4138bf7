package dev.agentbus;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of an {@link AgentBus}. Loads from JSON ({@link #AgentBusOptions(JsonObject)}, the
 * keys are the property names below) and from environment variables ({@link #fromEnv}).
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
   * Options read from JSON; absent keys keep their defaults.
   *
   * @param json e.g. {@code {"dataDir":"/var/lib/agentbus","idleTimeoutMs":60000}}
   */
  public AgentBusOptions(JsonObject json) {
    dataDir = json.getString("dataDir", dataDir);
    addressPrefix = json.getString("addressPrefix", addressPrefix);
    idleTimeoutMs = json.getLong("idleTimeoutMs", idleTimeoutMs);
    maxLiveInstances = json.getInteger("maxLiveInstances", maxLiveInstances);
    callTimeoutMs = json.getLong("callTimeoutMs", callTimeoutMs);
    sqliteThreads = json.getInteger("sqliteThreads", sqliteThreads);
    maxNameBytes = json.getInteger("maxNameBytes", maxNameBytes);
    shutdownTimeoutMs = json.getLong("shutdownTimeoutMs", shutdownTimeoutMs);
    agentConfig = json.getJsonObject("agentConfig", agentConfig).copy();
    scheduleMaxAttempts = json.getInteger("scheduleMaxAttempts", scheduleMaxAttempts);
    scheduleRetryDelayMs = json.getLong("scheduleRetryDelayMs", scheduleRetryDelayMs);
    scheduleRunTimeoutMs = json.getLong("scheduleRunTimeoutMs", scheduleRunTimeoutMs);
    maxTaskPayloadBytes = json.getInteger("maxTaskPayloadBytes", maxTaskPayloadBytes);
  }

  /**
   * Options from environment variables: {@code AGENTBUS_DATA_DIR}, {@code AGENTBUS_ADDRESS_PREFIX},
   * {@code AGENTBUS_IDLE_TIMEOUT_MS}, {@code AGENTBUS_MAX_LIVE_INSTANCES}, {@code
   * AGENTBUS_CALL_TIMEOUT_MS}, {@code AGENTBUS_SQLITE_THREADS}, {@code AGENTBUS_MAX_NAME_BYTES},
   * {@code AGENTBUS_SHUTDOWN_TIMEOUT_MS}, {@code AGENTBUS_SCHEDULE_MAX_ATTEMPTS}, {@code
   * AGENTBUS_SCHEDULE_RETRY_DELAY_MS}, {@code AGENTBUS_SCHEDULE_RUN_TIMEOUT_MS}, {@code
   * AGENTBUS_MAX_TASK_PAYLOAD_BYTES}, {@code AGENTBUS_AGENT_CONFIG} (a JSON object), applied on top
   * of {@code base}.
   *
   * @param base the options to start from
   * @param env the environment, e.g. {@code System.getenv()}
   * @return new options
   * @throws IllegalArgumentException naming the variable whose value is not a number or JSON
   */
  public static AgentBusOptions fromEnv(AgentBusOptions base, Map<String, String> env) {
    JsonObject json = base.toJson();
    putString(json, env, "AGENTBUS_DATA_DIR", "dataDir");
    putString(json, env, "AGENTBUS_ADDRESS_PREFIX", "addressPrefix");
    putNumber(json, env, "AGENTBUS_IDLE_TIMEOUT_MS", "idleTimeoutMs");
    putNumber(json, env, "AGENTBUS_MAX_LIVE_INSTANCES", "maxLiveInstances");
    putNumber(json, env, "AGENTBUS_CALL_TIMEOUT_MS", "callTimeoutMs");
    putNumber(json, env, "AGENTBUS_SQLITE_THREADS", "sqliteThreads");
    putNumber(json, env, "AGENTBUS_MAX_NAME_BYTES", "maxNameBytes");
    putNumber(json, env, "AGENTBUS_SHUTDOWN_TIMEOUT_MS", "shutdownTimeoutMs");
    putNumber(json, env, "AGENTBUS_SCHEDULE_MAX_ATTEMPTS", "scheduleMaxAttempts");
    putNumber(json, env, "AGENTBUS_SCHEDULE_RETRY_DELAY_MS", "scheduleRetryDelayMs");
    putNumber(json, env, "AGENTBUS_SCHEDULE_RUN_TIMEOUT_MS", "scheduleRunTimeoutMs");
    putNumber(json, env, "AGENTBUS_MAX_TASK_PAYLOAD_BYTES", "maxTaskPayloadBytes");
    String config = env.get("AGENTBUS_AGENT_CONFIG");
    if (config != null) {
      try {
        json.put("agentConfig", new JsonObject(config));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("AGENTBUS_AGENT_CONFIG is not a JSON object: " + config);
      }
    }
    return new AgentBusOptions(json);
  }

  private static void putString(JsonObject json, Map<String, String> env, String var, String key) {
    String value = env.get(var);
    if (value != null) {
      json.put(key, value);
    }
  }

  private static void putNumber(JsonObject json, Map<String, String> env, String var, String key) {
    String value = env.get(var);
    if (value != null) {
      try {
        json.put(key, Long.parseLong(value.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(var + " must be a whole number, got '" + value + "'");
      }
    }
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
   * @param dataDir the directory that holds one SQLite file per instance; created if missing
   * @return these options
   */
  public AgentBusOptions setDataDir(String dataDir) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    return this;
  }

  /** {@return the first part of every instance address: {@code <prefix>.<agent>.<name>}} */
  public String getAddressPrefix() {
    return addressPrefix;
  }

  /**
   * Sets the address prefix.
   *
   * @param addressPrefix the first part of every instance address; no dots
   * @return these options
   */
  public AgentBusOptions setAddressPrefix(String addressPrefix) {
    if (addressPrefix == null || addressPrefix.isEmpty() || addressPrefix.contains(".")) {
      throw new IllegalArgumentException("addressPrefix must be non-empty and contain no dot");
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
    if (idleTimeoutMs < 1) {
      throw new IllegalArgumentException("idleTimeoutMs must be at least 1");
    }
    this.idleTimeoutMs = idleTimeoutMs;
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
    if (maxLiveInstances < 1) {
      throw new IllegalArgumentException("maxLiveInstances must be at least 1");
    }
    this.maxLiveInstances = maxLiveInstances;
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
    if (callTimeoutMs < 1) {
      throw new IllegalArgumentException("callTimeoutMs must be at least 1");
    }
    this.callTimeoutMs = callTimeoutMs;
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
    if (sqliteThreads < 1) {
      throw new IllegalArgumentException("sqliteThreads must be at least 1");
    }
    this.sqliteThreads = sqliteThreads;
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
    if (maxNameBytes < 1) {
      throw new IllegalArgumentException("maxNameBytes must be at least 1");
    }
    this.maxNameBytes = maxNameBytes;
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
    if (shutdownTimeoutMs < 0) {
      throw new IllegalArgumentException("shutdownTimeoutMs must not be negative");
    }
    this.shutdownTimeoutMs = shutdownTimeoutMs;
    return this;
  }

  /** {@return the configuration every agent sees as {@link Agent#config()}} */
  public JsonObject getAgentConfig() {
    return agentConfig;
  }

  /**
   * Sets the configuration agents see.
   *
   * @param agentConfig the configuration every agent sees as {@link Agent#config()}
   * @return these options
   */
  public AgentBusOptions setAgentConfig(JsonObject agentConfig) {
    this.agentConfig = Objects.requireNonNull(agentConfig, "agentConfig");
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
    if (scheduleMaxAttempts < 1) {
      throw new IllegalArgumentException("scheduleMaxAttempts must be at least 1");
    }
    this.scheduleMaxAttempts = scheduleMaxAttempts;
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
    if (scheduleRetryDelayMs < 0) {
      throw new IllegalArgumentException("scheduleRetryDelayMs must not be negative");
    }
    this.scheduleRetryDelayMs = scheduleRetryDelayMs;
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
    if (scheduleRunTimeoutMs < 1) {
      throw new IllegalArgumentException("scheduleRunTimeoutMs must be at least 1");
    }
    this.scheduleRunTimeoutMs = scheduleRunTimeoutMs;
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
    if (maxTaskPayloadBytes < 1) {
      throw new IllegalArgumentException("maxTaskPayloadBytes must be at least 1");
    }
    this.maxTaskPayloadBytes = maxTaskPayloadBytes;
    return this;
  }
}
