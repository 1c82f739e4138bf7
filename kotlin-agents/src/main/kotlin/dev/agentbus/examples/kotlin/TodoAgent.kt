package dev.agentbus.examples.kotlin

import dev.agentbus.Agent
import dev.agentbus.AgentRequest
import dev.agentbus.AgentResponse
import dev.agentbus.Callable
import dev.agentbus.StateSource
import dev.agentbus.StreamingResponse

/**
 * The state of a todo list, sent to every connected client: its [title] and how many items are
 * [open] and [done]. The items themselves live in the instance's SQLite table `todos`.
 */
data class TodoList(val title: String = "Todo", val open: Int = 0, val done: Int = 0)

/** One item of a list, as stored in the table `todos` and as callers receive it. */
data class Todo(val id: Long, val text: String, val done: Boolean)

/**
 * A todo list per instance (`todo-agent/groceries`, `todo-agent/chores`, ...), written the way
 * Kotlin is: a data class for state, `copy` to change it, plain functions for callable methods,
 * `require`/`check` for bad input (their messages become the callers' error texts).
 *
 * Clients may rename the list by sending a new state, but the counts are the agent's: a client
 * state that changes them is rejected (`State update rejected`).
 */
class TodoAgent : Agent<TodoList>() {

  private var tableReady = false

  override fun initialState() = TodoList()

  override fun validateStateChange(next: TodoList, source: StateSource): Boolean =
    source.isServer || (next.open == state().open && next.done == state().done)

  /** Adds an open item with [text] (trimmed, not blank) and returns it. */
  @Callable(description = "Adds an item and returns it")
  fun add(text: String): Todo {
    val trimmed = text.trim()
    require(trimmed.isNotEmpty()) { "A todo needs a text" }
    ensureTable()
    sql("INSERT INTO todos (text, done) VALUES (?, 0)", trimmed)
    val id = sql("SELECT last_insert_rowid() AS id").single().getLong("id")
    setState(state().let { it.copy(open = it.open + 1) })
    return Todo(id, trimmed, done = false)
  }

  /** Marks the open item [id] done and returns it; fails for an unknown or finished item. */
  @Callable(description = "Marks an item done and returns it")
  fun complete(id: Long): Todo {
    val todo = find(id) ?: throw NoSuchElementException("No todo with id $id")
    check(!todo.done) { "Todo $id is already done" }
    sql("UPDATE todos SET done = 1 WHERE id = ?", id)
    setState(state().let { it.copy(open = it.open - 1, done = it.done + 1) })
    return todo.copy(done = true)
  }

  /** The items, open ones first, each group in the order they were added. */
  @Callable(description = "Lists the items, open ones first")
  fun list(): List<Todo> {
    ensureTable()
    return sql(Todo::class.java, "SELECT id, text, done FROM todos ORDER BY done, id")
  }

  /** Streams every item as one chunk, open ones first, then ends with their number. */
  @Callable(description = "Streams the items one by one, then their number", streaming = true)
  fun export(stream: StreamingResponse) {
    val items = list()
    items.forEach(stream::send)
    stream.end(items.size)
  }

  /**
   * HTTP: `GET` answers the items as JSON (as [list]); `POST` with `{"text": "..."}` adds one and
   * answers it with status 201, or 400 and the reason if the body or the text is not acceptable.
   */
  override fun onRequest(request: AgentRequest): AgentResponse =
    when (request.method()) {
      "GET" -> AgentResponse.json(200, list())
      "POST" -> {
        val text = runCatching { request.bodyAsJson().getValue("text") }.getOrNull() as? String
        when {
          text == null -> AgentResponse.text(400, "Send a JSON object with a text")
          text.isBlank() -> AgentResponse.text(400, "A todo needs a text")
          else -> AgentResponse.json(201, add(text))
        }
      }
      else -> AgentResponse.text(405, "Method not allowed")
    }

  private fun find(id: Long): Todo? {
    ensureTable()
    return sql(Todo::class.java, "SELECT id, text, done FROM todos WHERE id = ?", id).firstOrNull()
  }

  private fun ensureTable() {
    if (!tableReady) {
      sql(
        "CREATE TABLE IF NOT EXISTS todos " +
          "(id INTEGER PRIMARY KEY, text TEXT NOT NULL, done INTEGER NOT NULL)"
      )
      tableReady = true
    }
  }
}
