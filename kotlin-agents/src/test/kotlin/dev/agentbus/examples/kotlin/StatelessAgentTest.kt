package dev.agentbus.examples.kotlin

import dev.agentbus.Agent
import dev.agentbus.Callable
import dev.agentbus.testkit.AgentTestKit
import io.vertx.core.json.JsonObject
import kotlin.test.assertEquals
import kotlin.test.assertNull
import org.junit.jupiter.api.Test

/** An agent without state, as Kotlin declares it: a nullable state type, no initial state. */
class EchoAgent : Agent<JsonObject?>() {

  /** Returns [text] with the instance's name, which is never null for Kotlin. */
  @Callable fun echo(text: String): String = "${name()}: $text"

  /** Whether a connection is handling this call: none for a call from the JVM. */
  @Callable fun fromAClient(): Boolean = currentConnection() != null
}

class StatelessAgentTest {

  @Test
  fun anAgentWithANullableStateTypeHasNoStateAndStillAnswers() {
    AgentTestKit.create().register(EchoAgent::class.java).use { kit ->
      assertEquals("room: hi", kit.call(EchoAgent::class.java, "room", "echo", "hi"))
      assertEquals(false, kit.call(EchoAgent::class.java, "room", "fromAClient"))
      assertNull(kit.state(EchoAgent::class.java, "room"))
    }
  }
}
