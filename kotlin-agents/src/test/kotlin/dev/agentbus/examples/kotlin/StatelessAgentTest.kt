package dev.agentbus.examples.kotlin

import dev.agentbus.Agent
import dev.agentbus.AgentBus
import dev.agentbus.AgentBusOptions
import dev.agentbus.Callable
import io.vertx.core.Vertx
import io.vertx.core.json.JsonObject
import io.vertx.junit5.VertxExtension
import java.nio.file.Path
import kotlin.test.assertEquals
import kotlin.test.assertNull
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.extension.ExtendWith
import org.junit.jupiter.api.io.TempDir

/** An agent without state, as Kotlin declares it: a nullable state type, no initial state. */
class EchoAgent : Agent<JsonObject?>() {

  /** Returns [text] with the instance's name, which is never null for Kotlin. */
  @Callable fun echo(text: String): String = "${name()}: $text"

  /** Whether a connection is handling this call: none for a call from the JVM. */
  @Callable fun fromAClient(): Boolean = currentConnection() != null
}

@ExtendWith(VertxExtension::class)
class StatelessAgentTest {

  @TempDir lateinit var dataDir: Path

  @Test
  fun anAgentWithANullableStateTypeHasNoStateAndStillAnswers(vertx: Vertx) {
    val agents = AgentBus.create(vertx, AgentBusOptions().setDataDir(dataDir.toString()))
    agents.register(EchoAgent::class.java)
    val ref = agents.get(EchoAgent::class.java, "room")

    assertEquals("room: hi", ref.call("echo", "hi").await())
    assertEquals(false, ref.call("fromAClient").await())
    assertNull(ref.state().await())
    agents.close().await()
  }
}
