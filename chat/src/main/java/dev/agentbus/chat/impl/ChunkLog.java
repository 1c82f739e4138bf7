package dev.agentbus.chat.impl;

import dev.agentbus.Agent;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The chunks of the reply streaming now, kept so that a client that reconnects mid-reply gets all
 * of them once, in order ({@code seq} from 0). Chunks are appended in memory and written in batches
 * ({@link #flush}: one transaction for all pending), not one commit per token; the reply's chunks
 * are dropped once it is saved into the transcript ({@link #finish}). A stream still marked {@code
 * streaming} at start was cut short by a crash or a stop ({@link #unfinished}).
 */
public final class ChunkLog {

  private static final String STREAMS = "_agentbus_chat_streams";
  private static final String CHUNKS = "_agentbus_chat_chunks";

  private final Agent<?> db;
  private final List<String> pending = new ArrayList<>();
  private boolean ready;
  private String stream;
  private Object[] streamRow;
  private long stored;

  /**
   * @param db the agent whose database keeps it (its {@code sql} and {@code transaction})
   */
  public ChunkLog(Agent<?> db) {
    this.db = db;
  }

  private void ensureTables() {
    if (!ready) {
      db.sql(
          "CREATE TABLE IF NOT EXISTS "
              + STREAMS
              + " (stream TEXT PRIMARY KEY, request TEXT NOT NULL, status TEXT NOT NULL,"
              + " message_ids TEXT NOT NULL, continuation INTEGER NOT NULL)");
      db.sql(
          "CREATE TABLE IF NOT EXISTS "
              + CHUNKS
              + " (stream TEXT NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL,"
              + " PRIMARY KEY (stream, seq))");
      ready = true;
    }
  }

  /**
   * Starts the log of a new reply.
   *
   * @param streamId the reply stream's id
   * @param requestId the chat request it answers
   * @param messageIds the turn's {@code messageIds} (a JSON array as text)
   * @param continuation whether the turn is a continuation
   */
  public void begin(String streamId, String requestId, String messageIds, boolean continuation) {
    ensureTables();
    if (stream != null) {
      throw new IllegalStateException("A reply is already streaming: " + stream);
    }
    // the stream's row is written with its first batch: a reply that ends before one costs no write
    streamRow = new Object[] {streamId, requestId, messageIds, continuation ? 1 : 0};
    stream = streamId;
    stored = 0;
    pending.clear();
  }

  /**
   * Adds the next chunk (its seq is the count so far).
   *
   * @param body one UI-message chunk, as JSON text
   * @return its seq
   */
  public long append(String body) {
    if (stream == null) {
      throw new IllegalStateException("No reply is streaming");
    }
    pending.add(body);
    return stored + pending.size() - 1;
  }

  /** {@return how many chunks wait to be written} */
  public int pendingCount() {
    return pending.size();
  }

  /** Writes the pending chunks in one transaction. */
  public void flush() {
    if (stream == null || pending.isEmpty()) {
      return;
    }
    List<String> batch = List.copyOf(pending);
    long first = stored;
    Object[] row = streamRow;
    db.transaction(
        () -> {
          if (row != null) {
            db.sql(
                "INSERT INTO "
                    + STREAMS
                    + " (stream, request, status, message_ids, continuation)"
                    + " VALUES (?, ?, 'streaming', ?, ?)",
                row);
          }
          long seq = first;
          for (String body : batch) {
            db.sql(
                "INSERT INTO " + CHUNKS + " (stream, seq, body) VALUES (?, ?, ?)",
                stream,
                seq++,
                body);
          }
          return null;
        });
    streamRow = null;
    stored += batch.size();
    pending.clear();
  }

  /**
   * {@return every chunk of a stream so far, stored and pending, in seq order}
   *
   * @param streamId the stream
   */
  public List<String> chunks(String streamId) {
    ensureTables();
    List<String> out = new ArrayList<>();
    for (JsonObject row :
        db.sql("SELECT body FROM " + CHUNKS + " WHERE stream = ? ORDER BY seq", streamId)) {
      out.add(row.getString("body"));
    }
    if (streamId.equals(stream)) {
      out.addAll(pending);
    }
    return out;
  }

  /**
   * Ends the reply's log: its chunks and its row are dropped (the reply is in the transcript).
   *
   * @param streamId the stream
   */
  public void finish(String streamId) {
    ensureTables();
    if (streamId.equals(stream) && streamRow != null) { // nothing of it was written
      stream = null;
      streamRow = null;
      pending.clear();
      return;
    }
    db.transaction(
        () -> {
          db.sql("DELETE FROM " + CHUNKS + " WHERE stream = ?", streamId);
          db.sql("DELETE FROM " + STREAMS + " WHERE stream = ?", streamId);
          return null;
        });
    if (streamId.equals(stream)) {
      stream = null;
      streamRow = null;
      pending.clear();
    }
  }

  /**
   * {@return the streams a process left behind when it stopped mid-reply: {@code streaming} ones
   * (not yet looked at) and the {@code interrupted} one on offer, each as {@code {stream, request,
   * status, message_ids, continuation}}, oldest first}
   */
  public List<JsonObject> unfinished() {
    ensureTables();
    return db.sql(
        "SELECT stream, request, status, message_ids, continuation FROM "
            + STREAMS
            + " ORDER BY rowid");
  }

  /**
   * Marks a stream left behind as looked at: its reply is in the transcript, its chunks are kept
   * for a replay.
   *
   * @param streamId the stream
   */
  public void markInterrupted(String streamId) {
    ensureTables();
    db.sql("UPDATE " + STREAMS + " SET status = 'interrupted' WHERE stream = ?", streamId);
  }

  /** Drops every stream and chunk (the chat was cleared); a reply streaming is forgotten. */
  public void clearAll() {
    ensureTables();
    db.transaction(
        () -> {
          db.sql("DELETE FROM " + CHUNKS);
          db.sql("DELETE FROM " + STREAMS);
          return null;
        });
    stream = null;
    streamRow = null;
    pending.clear();
  }
}
