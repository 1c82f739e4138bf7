package dev.agentbus.examples.kotlin

import dev.agentbus.AgentBus
import dev.agentbus.AgentBusOptions
import dev.agentbus.chat.ChatAgent
import dev.agentbus.gateway.AgentGateway
import dev.agentbus.gateway.GatewayOptions
import dev.langchain4j.agent.tool.Tool
import io.vertx.core.Vertx
import io.vertx.core.http.WebSocketConnectOptions
import io.vertx.core.json.JsonArray
import io.vertx.core.json.JsonObject
import java.nio.file.Path
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/** A chat agent written in Kotlin: a system prompt and a server tool, nothing else. */
class KotlinAssistant : ChatAgent<JsonObject?>() {

  override fun systemPrompt(): String = "You answer in Kotlin's name."

  /** The tool the stand-in model calls when asked the time. */
  @Tool("The current time in UTC")
  fun getTime(): JsonObject = JsonObject().put("time", "2030-01-01T00:00:00Z")
}

class ChatAgentInKotlinTest {

  @TempDir lateinit var dataDir: Path

  @Test
  fun aKotlinChatAgentRunsItsToolInsideTheTurnAndStoresTheReply() {
    val vertx = Vertx.vertx()
    val agents = AgentBus.create(vertx, AgentBusOptions().setDataDir(dataDir.toString()))
    agents.register(KotlinAssistant::class.java)
    val gateway =
      AgentGateway.create(vertx, agents, GatewayOptions().setPort(0).setHost("127.0.0.1"))
    try {
      val port = gateway.listen(null).await().actualPort()
      val received = LinkedBlockingQueue<JsonObject>()
      // held until the end: Vert.x closes a client that is no longer referenced
      val client = vertx.createWebSocketClient()
      val socket =
        client
          .connect(
            WebSocketConnectOptions()
              .setHost("127.0.0.1")
              .setPort(port)
              .setURI("/agents/kotlin-assistant/k")
          )
          .await()
      socket.textMessageHandler { received.add(JsonObject(it)) }
      val body =
        JsonObject()
          .put(
            "messages",
            JsonArray()
              .add(
                JsonObject()
                  .put("id", "u1")
                  .put("role", "user")
                  .put(
                    "parts",
                    JsonArray()
                      .add(JsonObject().put("type", "text").put("text", "what time is it?")),
                  )
              ),
          )
          .put("trigger", "submit-message")
      socket
        .writeTextMessage(
          JsonObject()
            .put("type", "cf_agent_use_chat_request")
            .put("id", "r1")
            .put("init", JsonObject().put("method", "POST").put("body", body.encode()))
            .encode()
        )
        .await()

      val text = StringBuilder()
      val types = mutableListOf<String>()
      while (true) {
        val frame = received.poll(5, TimeUnit.SECONDS) ?: error("no terminal frame within 5 s")
        if (frame.getString("type") != "cf_agent_use_chat_response") continue
        if (frame.getBoolean("done")) break
        val chunk = JsonObject(frame.getString("body"))
        types.add(chunk.getString("type"))
        if (chunk.getString("type") == "text-delta") text.append(chunk.getString("delta"))
      }
      assertTrue("tool-output-available" in types, "the tool ran in the turn: $types")
      assertEquals("The time is 2030-01-01T00:00:00Z", text.toString())
      socket.close().await()
      client.close().await()
    } finally {
      gateway.close().await()
      agents.close().await()
      vertx.close().await()
    }
  }
}
