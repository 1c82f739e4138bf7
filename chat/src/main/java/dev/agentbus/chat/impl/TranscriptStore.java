package dev.agentbus.chat.impl;

import dev.agentbus.Agent;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The transcript of one chat, as AI SDK UI messages ({@code {id, role, metadata?, parts[]}}), in
 * the instance's database: one row per message, in order, written as docs/protocol.md ("How the
 * transcript is written") says. The messages are also kept in memory once read, so a turn does not
 * read and parse the whole transcript again; every write goes through this store and updates both.
 */
public final class TranscriptStore {

  private static final String TABLE = "_agentbus_chat_messages";

  private final Agent<?> db;
  private boolean ready;
  private List<JsonObject> cache;

  /**
   * @param db the agent whose database keeps it (its {@code sql} and {@code transaction})
   */
  public TranscriptStore(Agent<?> db) {
    this.db = db;
  }

  private void ensureTable() {
    if (!ready) {
      db.sql(
          "CREATE TABLE IF NOT EXISTS "
              + TABLE
              + " (position INTEGER NOT NULL, id TEXT PRIMARY KEY, json TEXT NOT NULL)");
      ready = true;
    }
  }

  /** {@return the messages, in order (copies: changing them changes nothing stored)} */
  public List<JsonObject> messages() {
    List<JsonObject> out = new ArrayList<>();
    for (JsonObject message : cached()) {
      out.add(message.copy());
    }
    return out;
  }

  private List<JsonObject> cached() {
    if (cache == null) {
      ensureTable();
      List<JsonObject> read = new ArrayList<>();
      for (JsonObject row : db.sql("SELECT json FROM " + TABLE + " ORDER BY position")) {
        read.add(new JsonObject(row.getString("json")));
      }
      cache = read;
    }
    return cache;
  }

  /** {@return the last assistant message (a copy), or {@code null} if there is none} */
  public JsonObject lastAssistant() {
    List<JsonObject> messages = cached();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("assistant".equals(messages.get(i).getValue("role"))) {
        return messages.get(i).copy();
      }
    }
    return null;
  }

  /**
   * Writes a chat request's messages: each stored under its id (a stored tool part that is settled
   * stays when the request carries the same call in an earlier state); then, if every id was
   * already stored, the stored messages not in the request are deleted (a regenerated reply, an
   * edited message). A request that brings a new message deletes nothing.
   *
   * @param messages the request's messages, each with a string {@code id}
   */
  public void applyRequest(List<JsonObject> messages) {
    ensureTable();
    written(
        () ->
            db.transaction(
                () -> {
                  java.util.Map<String, JsonObject> stored = storedById();
                  boolean allKnown = !messages.isEmpty();
                  java.util.Set<String> ids = new java.util.HashSet<>();
                  for (JsonObject message : messages) {
                    String id = id(message);
                    ids.add(id);
                    JsonObject before = stored.get(id);
                    allKnown &= before != null;
                    write(
                        id,
                        before == null ? message : ToolParts.keepSettled(before, message),
                        before);
                  }
                  if (allKnown) {
                    for (String id : stored.keySet()) {
                      if (!ids.contains(id)) {
                        db.sql("DELETE FROM " + TABLE + " WHERE id = ?", id);
                        cached().removeIf(message -> id.equals(message.getValue("id")));
                      }
                    }
                  }
                  return null;
                }));
  }

  /**
   * Writes a client's {@code cf_agent_chat_messages}: like a request's messages, but nothing is
   * deleted.
   *
   * @param messages messages, each with a string {@code id}
   */
  public void upsert(List<JsonObject> messages) {
    ensureTable();
    written(
        () ->
            db.transaction(
                () -> {
                  java.util.Map<String, JsonObject> stored = storedById();
                  for (JsonObject message : messages) {
                    String id = id(message);
                    JsonObject before = stored.get(id);
                    write(
                        id,
                        before == null ? message : ToolParts.keepSettled(before, message),
                        before);
                  }
                  return null;
                }));
  }

  /**
   * Stores an assistant reply (a new message, or the one a continuation continues).
   *
   * @param message the reply
   */
  public void saveReply(JsonObject message) {
    upsert(List.of(message));
  }

  private java.util.Map<String, JsonObject> storedById() {
    java.util.Map<String, JsonObject> out = new java.util.LinkedHashMap<>();
    for (JsonObject message : cached()) {
      out.put(message.getString("id"), message);
    }
    return out;
  }

  /** Runs writes; if they fail (rolled back), the memory copy is read again next time. */
  private void written(Runnable writes) {
    try {
      writes.run();
    } catch (RuntimeException e) {
      cache = null;
      throw e;
    }
  }

  private void write(String id, JsonObject message, JsonObject before) {
    List<JsonObject> memory = cached();
    if (before != null) {
      db.sql("UPDATE " + TABLE + " SET json = ? WHERE id = ?", message.encode(), id);
      memory.replaceAll(m -> id.equals(m.getValue("id")) ? message.copy() : m);
    } else {
      db.sql(
          "INSERT INTO "
              + TABLE
              + " (position, id, json) VALUES ((SELECT coalesce(max(position), -1) + 1 FROM "
              + TABLE
              + "), ?, ?)",
          id,
          message.encode());
      memory.add(message.copy());
    }
  }

  /** Deletes every message. */
  public void clear() {
    ensureTable();
    cache = null;
    db.sql("DELETE FROM " + TABLE);
    cache = new ArrayList<>();
  }

  private static String id(JsonObject message) {
    if (!(message.getValue("id") instanceof String id) || id.isEmpty()) {
      throw new IllegalArgumentException("A chat message needs a string id: " + message.encode());
    }
    return id;
  }
}
