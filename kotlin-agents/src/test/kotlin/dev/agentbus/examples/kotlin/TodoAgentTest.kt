package dev.agentbus.examples.kotlin

import dev.agentbus.AgentCallException
import dev.agentbus.AgentRef
import dev.agentbus.testkit.AgentTestKit
import io.vertx.core.Future
import io.vertx.core.json.JsonObject
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test

/** The Kotlin agent through the JVM handle, called from Kotlin: typed stub, state, errors. */
class TodoAgentTest {

  /** The agent's callable methods as a Kotlin interface, for [AgentRef.stub]. */
  interface Todos {
    fun add(text: String): Future<Todo>

    fun complete(id: Long): Future<Todo>

    fun list(): Future<List<Todo>>
  }

  private val kit = AgentTestKit.create().register(TodoAgent::class.java)

  @AfterEach
  fun stop() {
    kit.close()
  }

  private fun todos(name: String): Todos =
    kit.ref(TodoAgent::class.java, name).stub(Todos::class.java)

  @Test
  fun addedItemsAreListedOpenFirstAndCompletingOneMovesItDown() {
    val todos = todos("groceries")
    val milk = todos.add("  milk ").await()
    val bread = todos.add("bread").await()
    assertEquals(Todo(milk.id, "milk", done = false), milk)

    assertEquals(milk.copy(done = true), todos.complete(milk.id).await())

    assertEquals(listOf(bread, milk.copy(done = true)), todos.list().await())
  }

  @Test
  fun theStateIsADataClassThatClientsReceiveAsJson() {
    val ref = kit.ref(TodoAgent::class.java, "chores")
    assertEquals(
      JsonObject(mapOf("title" to "Todo", "open" to 0, "done" to 0)),
      ref.state().await(),
    )
    val todos = ref.stub(Todos::class.java)
    todos.complete(todos.add("dishes").await().id).await()
    todos.add("laundry").await()
    assertEquals(
      JsonObject(mapOf("title" to "Todo", "open" to 1, "done" to 1)),
      ref.state().await(),
    )
  }

  @Test
  fun badInputIsAnsweredWithTheAgentsOwnMessages() {
    val todos = todos("errors")
    val id = todos.add("write tests").await().id
    todos.complete(id).await()
    assertEquals(
      "A todo needs a text",
      assertFailsWith<AgentCallException> { todos.add("   ").await() }.message,
    )
    assertEquals(
      "No todo with id 42",
      assertFailsWith<AgentCallException> { todos.complete(42).await() }.message,
    )
    assertEquals(
      "Todo $id is already done",
      assertFailsWith<AgentCallException> { todos.complete(id).await() }.message,
    )
  }

  @Test
  fun aMissingArgumentForANonNullParameterFailsWithKotlinsOwnNullCheck() {
    val failure =
      assertFailsWith<AgentCallException> { kit.call(TodoAgent::class.java, "missing", "add") }
    assertEquals(
      "Parameter specified as non-null is null: method " +
        "dev.agentbus.examples.kotlin.TodoAgent.add, parameter text",
      failure.message,
    )
  }

  @Test
  fun clientsMayRenameTheListButNotChangeItsCounts() {
    val ref = kit.ref(TodoAgent::class.java, "renamed")
    ref.stub(Todos::class.java).add("call mum").await()

    ref.setState(TodoList(title = "Weekend", open = 1), "client-1").await()
    assertEquals(TodoList("Weekend", open = 1), ref.state().map(::toTodoList).await())

    val rejected =
      assertFailsWith<AgentCallException> {
        ref.setState(TodoList(title = "Weekend", open = 0), "client-1").await()
      }
    assertEquals("State update rejected", rejected.message)
  }

  @Test
  fun itemsAndStateSurviveHibernation() {
    val ref = kit.ref(TodoAgent::class.java, "durable")
    val todos = ref.stub(Todos::class.java)
    val item = todos.add("survive").await()
    kit.hibernateIdle()
    assertEquals(0, kit.agents().liveInstances())

    assertEquals(listOf(item), todos.list().await())
    assertEquals(TodoList(open = 1), ref.state().map(::toTodoList).await())
  }

  @Test
  fun exportStreamsEachItemThenTheirNumber() {
    val ref = kit.ref(TodoAgent::class.java, "export")
    val todos = ref.stub(Todos::class.java)
    val first = todos.add("one").await()
    val second = todos.add("two").await()
    val chunks = mutableListOf<Any?>()

    assertEquals(2, ref.callStream("export", { chunks.add(it) }).await())
    assertEquals<List<Any?>>(listOf(first, second).map { JsonObject.mapFrom(it) }, chunks)
  }

  private fun toTodoList(json: Any?): TodoList = (json as JsonObject).mapTo(TodoList::class.java)
}
