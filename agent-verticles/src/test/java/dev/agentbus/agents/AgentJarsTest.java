package dev.agentbus.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentbus.AgentBus;
import dev.agentbus.AgentBusOptions;
import dev.agentbus.AgentCallException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Finding agent classes in outside jars, and the reasons a jar is refused. */
@ExtendWith(VertxExtension.class)
class AgentJarsTest {

  static final String SERVICE_FILE = AgentJars.SERVICE_FILE;
  static final ClassLoader APPLICATION = Main.class.getClassLoader();

  @TempDir Path dir;
  AgentBus agents;

  @BeforeEach
  void start(Vertx vertx) {
    agents =
        AgentBus.create(vertx, new AgentBusOptions().setDataDir(dir.resolve("data").toString()));
    agents.register(CounterAgent.class);
  }

  @AfterEach
  void stop() {
    agents.close().await();
  }

  private Path greeterJar(Path folder) throws IOException {
    return AgentJarBuilder.build(
        Files.createDirectories(folder).resolve("greeter.jar"),
        Map.of("com.example.greeter.GreeterAgent", AgentJarBuilder.GREETER),
        "# the agents of this jar\ncom.example.greeter.GreeterAgent  # says hello\n");
  }

  @Test
  void aDirectoryStandsForItsJarsAndTheirListedAgentsAreServedLikeBuiltInOnes() throws IOException {
    Path folder = dir.resolve("agents");
    greeterJar(folder);
    AgentJarBuilder.build(
        folder.resolve("library.jar"),
        Map.of("com.example.lib.Helper", "package com.example.lib; public class Helper {}"),
        null);

    AgentJars jars = AgentJars.load(List.of(folder), APPLICATION);
    assertEquals(
        List.of("com.example.greeter.GreeterAgent"),
        jars.agents().stream().map(found -> found.agentClass().getName()).toList());
    jars.registerWith(agents);

    assertEquals("Hello, Ann!", agents.get("greeter-agent", "door").call("greet", "Ann").await());
    assertEquals(
        new JsonObject().put("times", 1), agents.get("greeter-agent", "door").state().await());
    assertEquals(
        "Greet whom?",
        assertThrows(
                AgentCallException.class,
                () -> agents.get("greeter-agent", "door").call("greet", " ").await())
            .getMessage());
  }

  @Test
  void agentsUseTheClassesOfOtherJarsGivenWithThem() throws IOException {
    Path library =
        AgentJarBuilder.build(
            dir.resolve("shout-lib.jar"),
            Map.of(
                "com.example.lib.Shout",
                """
                package com.example.lib;
                public class Shout {
                  public static String of(String text) { return text.toUpperCase() + "!"; }
                }
                """),
            null);
    Path agentJar =
        AgentJarBuilder.build(
            dir.resolve("shouter.jar"),
            Map.of(
                "com.example.ShouterAgent",
                """
                package com.example;
                public class ShouterAgent extends dev.agentbus.Agent<Object> {
                  @dev.agentbus.Callable
                  public String shout(String text) { return com.example.lib.Shout.of(text); }
                }
                """),
            "com.example.ShouterAgent\n",
            List.of(library));

    AgentJars.load(List.of(agentJar, library), APPLICATION).registerWith(agents);
    assertEquals("HEY!", agents.get("shouter-agent", "x").call("shout", "hey").await());
  }

  @Test
  void aMissingJarIsNamed() {
    Path missing = dir.resolve("nowhere/agents.jar");
    assertEquals(
        "Agent jar not found: " + missing.toAbsolutePath(),
        refusal(() -> AgentJars.load(List.of(missing), APPLICATION)));
  }

  @Test
  void aListedClassThatIsNotAnAgentIsRefused() throws IOException {
    Path jar =
        AgentJarBuilder.build(
            dir.resolve("plain.jar"),
            Map.of("com.example.Plain", "package com.example; public class Plain {}"),
            "com.example.Plain\n");
    assertEquals(
        jar
            + " lists com.example.Plain in "
            + SERVICE_FILE
            + ", but it does not extend dev.agentbus.Agent",
        refusal(() -> AgentJars.load(List.of(jar), APPLICATION)));
  }

  @Test
  void aListedClassMissingFromTheJarsIsRefused() throws IOException {
    Path jar = AgentJarBuilder.build(dir.resolve("empty.jar"), Map.of(), "com.example.Gone\n");
    String refusal = refusal(() -> AgentJars.load(List.of(jar), APPLICATION));
    String reason =
        jar + " lists com.example.Gone in " + SERVICE_FILE + ", but the class cannot be loaded: ";
    assertTrue(refusal.startsWith(reason), refusal);
  }

  @Test
  void anAgentNameAlreadyTakenIsRefusedNamingTheJar() throws IOException {
    Path jar =
        AgentJarBuilder.build(
            dir.resolve("impostor.jar"),
            Map.of(
                "com.example.Impostor",
                """
                package com.example;
                @dev.agentbus.AgentName("counter-agent")
                public class Impostor extends dev.agentbus.Agent<Object> {}
                """),
            "com.example.Impostor\n");
    AgentJars jars = AgentJars.load(List.of(jar), APPLICATION);
    assertEquals(
        jar
            + ": cannot serve com.example.Impostor: Agent name 'counter-agent' of"
            + " com.example.Impostor is already taken by dev.agentbus.agents.CounterAgent",
        refusal(() -> jars.registerWith(agents)));
  }

  @Test
  void pathsThatListNoAgentAreRefused() throws IOException {
    Path jar = AgentJarBuilder.build(dir.resolve("lib.jar"), Map.of(), null);
    assertEquals(
        "No agent classes in [" + jar + "]: a jar lists them in " + SERVICE_FILE,
        refusal(() -> AgentJars.load(List.of(jar), APPLICATION)));
  }

  @Test
  void agentPathsComeFromTheFlagElseTheEnvironmentElseTheConfiguration() {
    JsonObject config = new JsonObject().put("agents", new JsonArray().add("c1.jar").add("lib"));
    assertEquals(
        List.of(Path.of("f1.jar"), Path.of("f2")),
        AppConfig.agentPaths("f1.jar, f2", "e.jar", config));
    assertEquals(List.of(Path.of("e.jar")), AppConfig.agentPaths(null, "e.jar", config));
    assertEquals(
        List.of(Path.of("c1.jar"), Path.of("lib")), AppConfig.agentPaths(null, null, config));
    assertEquals(
        List.of(Path.of("a.jar"), Path.of("b.jar")),
        AppConfig.agentPaths(null, null, new JsonObject().put("agents", "a.jar,b.jar")));
    assertEquals(List.of(), AppConfig.agentPaths(null, null, new JsonObject()));
    assertEquals(
        "agents must be an array of paths or a comma-separated string, got 3",
        refusal(() -> AppConfig.agentPaths(null, null, new JsonObject().put("agents", 3))));
  }

  private static String refusal(org.junit.jupiter.api.function.Executable load) {
    return assertThrows(IllegalArgumentException.class, load).getMessage();
  }
}
