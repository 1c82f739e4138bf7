package dev.agentbus.agents;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds an agent jar as an operator would receive one: Java sources compiled now against the
 * AgentBus API (javax.tools), packed with a {@code META-INF/services/dev.agentbus.Agent} file.
 */
final class AgentJarBuilder {

  private AgentJarBuilder() {}

  /**
   * @param jar where to write the jar
   * @param sources Java sources by fully qualified class name
   * @param serviceFile the text of {@code META-INF/services/dev.agentbus.Agent}, or {@code null}
   *     for a jar without one
   * @return the jar
   */
  static Path build(Path jar, Map<String, String> sources, String serviceFile) throws IOException {
    return build(jar, sources, serviceFile, List.of());
  }

  /**
   * Like {@link #build(Path, Map, String)}, with more jars to compile against.
   *
   * @param libraries jars the sources use, beside the test's class path
   */
  static Path build(Path jar, Map<String, String> sources, String serviceFile, List<Path> libraries)
      throws IOException {
    StringBuilder classPath = new StringBuilder(System.getProperty("java.class.path"));
    libraries.forEach(library -> classPath.append(java.io.File.pathSeparator).append(library));
    Path work = Files.createTempDirectory(jar.getParent(), "src");
    Path classes = Files.createDirectories(work.resolve("classes"));
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "-d",
                classes.toString(),
                "-cp",
                classPath.toString(),
                "--release",
                "21",
                "-parameters"));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = work.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      arguments.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (!sources.isEmpty() && javac.run(null, null, null, arguments.toArray(String[]::new)) != 0) {
      throw new AssertionError("the agent sources did not compile");
    }
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out);
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        jarOut.write(Files.readAllBytes(file));
        jarOut.closeEntry();
      }
      if (serviceFile != null) {
        jarOut.putNextEntry(new JarEntry(AgentJars.SERVICE_FILE));
        jarOut.write(serviceFile.getBytes(StandardCharsets.UTF_8));
        jarOut.closeEntry();
      }
    }
    return jar;
  }

  /** A small agent in its own package: greets, counts greetings in its state, answers HTTP. */
  static final String GREETER =
      """
      package com.example.greeter;

      import dev.agentbus.Agent;
      import dev.agentbus.AgentRequest;
      import dev.agentbus.AgentResponse;
      import dev.agentbus.Callable;

      public class GreeterAgent extends Agent<GreeterAgent.Greeted> {
        public record Greeted(int times) {}

        @Override
        public Greeted initialState() {
          return new Greeted(0);
        }

        @Callable
        public String greet(String who) {
          if (who.isBlank()) {
            throw new IllegalArgumentException("Greet whom?");
          }
          setState(new Greeted(state().times() + 1));
          return "Hello, " + who + "!";
        }

        @Override
        public AgentResponse onRequest(AgentRequest request) {
          return AgentResponse.json(200, state());
        }
      }
      """;
}
