package dev.agentbus.impl.instance;

import dev.agentbus.impl.node.DetachedContext;
import dev.agentbus.impl.node.InstanceKey;
import dev.agentbus.impl.type.AgentType;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The live instances of one node: activates an instance on first use (exactly once however many
 * messages race for it), hibernates idle ones and the least recently used beyond the limit, and
 * hands a message that reaches a retiring instance to its next incarnation.
 */
public final class InstanceDirectory {

  private static final System.Logger LOG = System.getLogger(InstanceDirectory.class.getName());

  private final InstanceHost host;
  private final UnreadableInstances unreadable;
  private final ConcurrentHashMap<InstanceKey, InstanceSlot> slots = new ConcurrentHashMap<>();
  private final DeploymentOptions deployment =
      new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD);
  private final AtomicBoolean evicting = new AtomicBoolean();
  private volatile boolean closed;
  private long sweepTimer = -1;

  private final Context activationContext;

  InstanceDirectory(InstanceHost host) {
    this.host = host;
    this.unreadable = new UnreadableInstances(host.dataDir());
    this.activationContext = DetachedContext.create(host.vertx(), "activation");
  }

  /** Starts the periodic check for idle instances. */
  public void start() {
    long period = Math.max(10, Math.min(1_000, host.options().getIdleTimeoutMs() / 4));
    sweepTimer =
        host.vertx()
            .setPeriodic(period, id -> hibernateIdle(now() - host.options().getIdleTimeoutMs()));
  }

  /**
   * The live incarnation of an instance, activating it if needed.
   *
   * @param type the agent type
   * @param name the instance name
   * @param props start-up properties, used if this activates it
   * @return the slot once the instance is live; fails if it could not start
   */
  public Future<InstanceSlot> live(AgentType type, String name, JsonObject props) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("AgentBus is closed"));
    }
    InstanceUnavailableException unavailable = unreadable.check(type.name(), name);
    if (unavailable != null) {
      return Future.failedFuture(unavailable);
    }
    InstanceSlot slot = current(type, name, props);
    slot.touch(now());
    return slot.ready();
  }

  /**
   * The slot of an instance's current incarnation, activating or live, created if there is none. A
   * retiring incarnation is replaced in the map at once by its successor, which deploys once the
   * old one is gone (they share a file): every message from then on waits on the successor, in the
   * order it came.
   */
  private InstanceSlot current(AgentType type, String name, JsonObject props) {
    InstanceKey key = new InstanceKey(type.name(), name);
    while (true) {
      InstanceSlot slot = slots.get(key);
      if (slot == null) {
        InstanceSlot created =
            new InstanceSlot(key, host.addresses().instance(type.name(), name), now());
        if (slots.putIfAbsent(key, created) == null) {
          activate(type, created, props);
          return created;
        }
      } else if (!slot.isRetiring()) {
        return slot;
      } else {
        InstanceSlot next = new InstanceSlot(key, slot.address(), now());
        if (slots.replace(key, slot, next)) {
          slot.retired().onComplete(ignored -> activateSuccessor(type, next, props));
          return next;
        }
      }
    }
  }

  private void activateSuccessor(AgentType type, InstanceSlot next, JsonObject props) {
    if (closed) {
      slots.remove(next.key(), next);
      next.activationFailed(new IllegalStateException("AgentBus is closed"));
    } else {
      activate(type, next, props);
    }
  }

  private void activate(AgentType type, InstanceSlot slot, JsonObject props) {
    // Deploy from a context that belongs to no deployment: deployed from an agent's context, the
    // new instance would become that agent's child and be undeployed with it.
    if (Vertx.currentContext() == activationContext) {
      deploy(type, slot, props);
    } else {
      activationContext.runOnContext(ignored -> deploy(type, slot, props));
    }
    if (slots.size() > host.options().getMaxLiveInstances()) {
      evictLeastRecentlyUsed();
    }
  }

  private void deploy(AgentType type, InstanceSlot slot, JsonObject props) {
    InstanceVerticle verticle = new InstanceVerticle(host, type, slot, props);
    host.vertx()
        .deployVerticle(verticle, deployment)
        .onComplete(
            (id, failure) -> {
              if (failure == null) {
                slot.activated(id, verticle);
                return;
              }
              Throwable error = unreadable.remember(slot.key(), failure); // reported there, once
              if (error == null) {
                LOG.log(Level.WARNING, "Instance of " + type.name() + " failed to start", failure);
                error =
                    new IllegalStateException(
                        "Agent " + type.name() + " failed to start: " + failure.getMessage(),
                        failure);
              }
              slots.remove(slot.key(), slot);
              slot.activationFailed(error);
            });
  }

  /**
   * Sends a frame to an instance, activating it first, and retries if it retired in between.
   *
   * @param type the agent type
   * @param name the instance name
   * @param frame the frame
   * @param options delivery options (headers, timeout)
   * @param props start-up properties
   * @return the answer
   */
  public Future<Message<Object>> request(
      AgentType type, String name, Object frame, DeliveryOptions options, JsonObject props) {
    return live(type, name, props)
        .compose(slot -> host.vertx().eventBus().request(slot.address(), frame, options))
        .recover(
            failure -> {
              if (failure instanceof ReplyException reply
                  && reply.failureType() == io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS
                  && !closed) {
                // The instance hibernated between activation and delivery: wake it again.
                return request(type, name, frame, options, props);
              }
              return Future.failedFuture(failure);
            });
  }

  /**
   * Sends a message (a {@code GatewayEvent} or a frame) to an instance of this node, activating it
   * first, without waiting for an answer. The message goes straight to the instance's context, not
   * through the event bus (see docs/design.md, "Local delivery"); messages from one thread keep
   * their order, across an activation too. If the instance retires before it takes the message, the
   * message goes to its next incarnation. A gateway event for an instance whose file cannot be read
   * is answered here ({@link UnreadableInstances#refuse}).
   */
  public Future<Void> send(AgentType type, InstanceKey key, Object message, JsonObject props) {
    InstanceSlot slot = slots.get(key);
    InstanceVerticle live = slot == null ? null : slot.verticle();
    if (live != null && live.deliverLocally(message)) {
      slot.touch(now()); // the common case: a live instance
      return Future.succeededFuture();
    }
    if (closed) {
      return Future.failedFuture(new IllegalStateException("AgentBus is closed"));
    }
    InstanceUnavailableException unavailable = unreadable.check(key.agent(), key.name());
    if (unavailable != null) {
      return UnreadableInstances.refuse(message, unavailable);
    }
    while (true) {
      slot = current(type, key.name(), props);
      if (slot.offer(message)) {
        slot.touch(now());
        return slot.verticle() != null
            ? Future.succeededFuture()
            : slot.ready()
                .transform(
                    started ->
                        started.succeeded()
                            ? Future.succeededFuture()
                            : UnreadableInstances.refuse(message, started.cause()));
      }
      // it began to retire in between: the next round finds its successor
    }
  }

  /**
   * Passes a message that reached a retiring instance on to its next incarnation and relays the
   * answer.
   */
  void redeliver(AgentType type, InstanceSlot slot, Message<Object> message) {
    DeliveryOptions options =
        new DeliveryOptions()
            .setHeaders(message.headers())
            .setSendTimeout(host.options().getCallTimeoutMs());
    String name = slot.key().name();
    if (message.replyAddress() == null) {
      slot.retired()
          .transform(ignored -> live(type, name, new JsonObject()))
          .onSuccess(next -> host.vertx().eventBus().send(next.address(), message.body(), options));
      return;
    }
    slot.retired()
        .transform(ignored -> request(type, name, message.body(), options, new JsonObject()))
        .onComplete(
            (reply, failure) -> {
              if (failure == null) {
                message.reply(reply.body(), new DeliveryOptions().setHeaders(reply.headers()));
              } else if (failure instanceof ReplyException e) {
                message.fail(e.failureCode(), e.getMessage());
              } else {
                message.fail(500, failure.getMessage());
              }
            });
  }

  /** Retires an instance (destroy): it goes once its messages are answered. */
  void retire(InstanceSlot slot) {
    if (slot.retire()) {
      undeploy(slot);
    }
  }

  /** Undeploys a retiring instance and forgets it. */
  void undeploy(InstanceSlot slot) {
    if (!slot.claimUndeploy()) {
      return;
    }
    String id = slot.deploymentId();
    Future<Void> undeployed = id == null ? Future.succeededFuture() : host.vertx().undeploy(id);
    undeployed.onComplete(
        (ignored, failure) -> {
          if (failure != null) {
            LOG.log(Level.WARNING, "Hibernation of " + slot.address() + " failed", failure);
          }
          slots.remove(slot.key(), slot);
          slot.gone();
        });
  }

  /**
   * Hibernates the live instances that have had no message since a time.
   *
   * @param idleSinceMillis the time
   * @return completes when they are gone
   */
  public Future<Void> hibernateIdle(long idleSinceMillis) {
    List<Future<Void>> gone = new ArrayList<>();
    for (InstanceSlot slot : slots.values()) {
      if (slot.tryRetireIdle(idleSinceMillis)) {
        undeploy(slot);
        gone.add(slot.retired());
      }
    }
    return Future.all(gone).mapEmpty();
  }

  private void evictLeastRecentlyUsed() {
    if (!evicting.compareAndSet(false, true)) {
      return;
    }
    activationContext.runOnContext(
        ignored -> {
          try {
            int excess = slots.size() - host.options().getMaxLiveInstances();
            if (excess <= 0) {
              return;
            }
            // Sort a snapshot of the times: they change while live instances are used, and a
            // sort whose keys move breaks (TimSort's "Comparison method violates its contract").
            List<Map.Entry<Long, InstanceSlot>> live = new ArrayList<>(slots.size());
            for (InstanceSlot slot : slots.values()) {
              live.add(Map.entry(slot.lastUsedMillis(), slot));
            }
            live.sort(Map.Entry.comparingByKey());
            for (Map.Entry<Long, InstanceSlot> entry : live) {
              InstanceSlot slot = entry.getValue();
              if (excess <= 0) {
                break;
              }
              if (slot.tryRetireIdle(Long.MAX_VALUE)) {
                undeploy(slot);
                excess--;
              }
            }
          } finally {
            evicting.set(false);
          }
        });
  }

  /**
   * @param agent an agent's public name
   * @param name an instance name
   * @return whether the instance is activating or live (not hibernated, not retiring)
   */
  public boolean isLive(String agent, String name) {
    InstanceSlot slot = slots.get(new InstanceKey(agent, name));
    return slot != null && !slot.isRetiring();
  }

  /** The number of instances activating, live or retiring. */
  public int size() {
    return slots.size();
  }

  /**
   * Hibernates every instance: waits up to the shutdown timeout for their messages, then goes.
   *
   * @return completes when all are gone
   */
  public Future<Void> close() {
    closed = true;
    if (sweepTimer >= 0) {
      host.vertx().cancelTimer(sweepTimer);
    }
    List<Future<Void>> gone = new ArrayList<>();
    for (InstanceSlot slot : slots.values()) {
      gone.add(
          slot.ready()
              .transform(
                  ignored -> {
                    if (slot.retire()) {
                      undeploy(slot);
                    }
                    return slot.retired();
                  }));
    }
    long timeout = host.options().getShutdownTimeoutMs();
    return Future.all(gone)
        .<Void>mapEmpty()
        .timeout(timeout, java.util.concurrent.TimeUnit.MILLISECONDS)
        .recover(
            slow -> {
              LOG.log(
                  Level.WARNING,
                  "Calls still running after " + timeout + " ms; cancelling streams, hibernating");
              List<Future<Void>> forced = new ArrayList<>();
              for (InstanceSlot slot : slots.values()) {
                InstanceVerticle live = slot.verticle();
                if (live != null) {
                  live.cancelStreams();
                }
                undeploy(slot);
                forced.add(slot.retired());
              }
              return Future.all(forced).mapEmpty();
            });
  }

  private static long now() {
    return System.currentTimeMillis();
  }
}
