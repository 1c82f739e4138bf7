package dev.agentbus.impl.instance;

import dev.agentbus.impl.node.InstanceKey;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;

/**
 * The directory's entry for one instance while it is activating, live or retiring (hibernating or
 * being destroyed). Counts the messages in progress so that an instance never retires in the middle
 * of one.
 */
public final class InstanceSlot {

  enum Status {
    ACTIVATING,
    LIVE,
    RETIRING
  }

  private final InstanceKey key;
  private final String address;
  private final Promise<InstanceSlot> ready = Promise.promise();
  private final Promise<Void> retired = Promise.promise();
  private Status status = Status.ACTIVATING;
  private int busy;
  private boolean undeployClaimed;
  private volatile long lastUsedMillis;
  private volatile String deploymentId;
  private final List<Object> waiting = new ArrayList<>(0);
  private volatile InstanceVerticle verticle;

  InstanceSlot(InstanceKey key, String address, long nowMillis) {
    this.key = key;
    this.address = address;
    this.lastUsedMillis = nowMillis;
  }

  InstanceKey key() {
    return key;
  }

  /** The instance's bus address. */
  public String address() {
    return address;
  }

  Future<InstanceSlot> ready() {
    return ready.future();
  }

  Future<Void> retired() {
    return retired.future();
  }

  long lastUsedMillis() {
    return lastUsedMillis;
  }

  void touch(long nowMillis) {
    lastUsedMillis = nowMillis;
  }

  String deploymentId() {
    return deploymentId;
  }

  /** The live verticle, for local delivery; {@code null} while activating. */
  InstanceVerticle verticle() {
    return verticle;
  }

  /**
   * The instance is live: the messages that waited for it are handed over in the order they came,
   * and local delivery opens to later ones — under the slot's lock, so that none overtakes one that
   * waited.
   */
  void activated(String deploymentId, InstanceVerticle started) {
    synchronized (this) {
      this.deploymentId = deploymentId;
      if (status == Status.ACTIVATING) {
        status = Status.LIVE;
      }
      for (Object message : waiting) {
        started.deliverLocally(message);
      }
      waiting.clear();
      verticle = started;
    }
    ready.tryComplete(this);
  }

  /**
   * Takes a one-way message for the instance: hands it to the live verticle, or keeps it until the
   * activation completes.
   *
   * @return false if the instance is retiring: the message must go to its next incarnation
   */
  boolean offer(Object message) {
    InstanceVerticle live = verticle;
    if (live != null) {
      return live.deliverLocally(message);
    }
    synchronized (this) {
      if (verticle != null) {
        return verticle.deliverLocally(message);
      }
      if (status == Status.RETIRING) {
        return false;
      }
      waiting.add(message);
      return true;
    }
  }

  void activationFailed(Throwable cause) {
    synchronized (this) {
      waiting.clear(); // their senders learn of the failure from ready()
    }
    ready.tryFail(cause);
    retired.tryComplete();
  }

  void gone() {
    retired.tryComplete();
  }

  synchronized boolean isRetiring() {
    return status == Status.RETIRING;
  }

  /**
   * Starts a message.
   *
   * @return false if the instance is retiring: the message must go to its next incarnation
   */
  synchronized boolean tryAcquire() {
    if (status == Status.RETIRING) {
      return false;
    }
    busy++;
    return true;
  }

  /**
   * Ends a message.
   *
   * @return true if the instance is retiring and this was its last message
   */
  synchronized boolean release(long nowMillis) {
    busy--;
    lastUsedMillis = nowMillis;
    return status == Status.RETIRING && busy == 0;
  }

  /**
   * Retires the instance if it is live, idle since {@code idleSinceMillis}, and has no message in
   * progress.
   */
  synchronized boolean tryRetireIdle(long idleSinceMillis) {
    if (status == Status.LIVE && busy == 0 && lastUsedMillis <= idleSinceMillis) {
      status = Status.RETIRING;
      return true;
    }
    return false;
  }

  /**
   * Retires the instance whatever it is doing.
   *
   * @return true if no message is in progress (it can go now)
   */
  synchronized boolean retire() {
    status = Status.RETIRING;
    return busy == 0;
  }

  /**
   * Claims the undeployment of a retiring instance.
   *
   * @return true the first time only
   */
  synchronized boolean claimUndeploy() {
    if (undeployClaimed) {
      return false;
    }
    undeployClaimed = true;
    return true;
  }
}
