package dev.agentbus.agents;

import dev.agentbus.Agent;
import dev.agentbus.AgentBus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Agent classes from jars that were built outside AgentBus, served by the application without
 * rebuilding it ({@code --agents}, {@code AGENTBUS_AGENTS}, the configuration key {@code agents}).
 *
 * <p>A jar names its agent classes in {@value #SERVICE_FILE}, one fully qualified class name per
 * line ({@code #} starts a comment): the provider-configuration format of {@link
 * java.util.ServiceLoader}. A directory stands for the {@code .jar} files directly in it; a jar
 * that lists no agent is a library for the others. All jars share one class loader, a child of the
 * application's, so they may use each other's classes and every class of the application (the
 * AgentBus API, Vert.x, Jackson, SQLite).
 *
 * @param agents the agent classes found, in the order of the jars and of their lines
 */
public record AgentJars(List<Found> agents) {

  /** The file of a jar that lists its agent classes. */
  public static final String SERVICE_FILE = "META-INF/services/dev.agentbus.Agent";

  /**
   * An agent class and the jar that listed it.
   *
   * @param agentClass the class
   * @param jar the jar whose {@value #SERVICE_FILE} names it
   */
  public record Found(Class<? extends Agent<?>> agentClass, Path jar) {}

  /**
   * Opens the jars and loads the agent classes they list. Nothing is registered yet.
   *
   * @param paths jar files and directories of jars (none: no agents)
   * @param parent the class loader of the application
   * @return the agent classes
   * @throws IllegalArgumentException naming the path or class at fault: a path that does not exist
   *     or is neither a jar nor a directory, a listed class that is missing or does not extend
   *     {@link Agent}, or paths that list no agent at all
   */
  public static AgentJars load(List<Path> paths, ClassLoader parent) {
    if (paths.isEmpty()) {
      return new AgentJars(List.of());
    }
    List<Path> jars = new ArrayList<>();
    for (Path path : paths) {
      jars.addAll(jarsAt(path));
    }
    ClassLoader loader = new URLClassLoader("agent-jars", urls(jars), parent);
    List<Found> found = new ArrayList<>();
    for (Path jar : jars) {
      for (String className : listedClasses(jar)) {
        found.add(new Found(agentClass(className, jar, loader), jar));
      }
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(
          "No agent classes in " + paths + ": a jar lists them in " + SERVICE_FILE);
    }
    return new AgentJars(List.copyOf(found));
  }

  /**
   * Registers every agent class found.
   *
   * @param agents the runtime
   * @throws IllegalArgumentException naming the class and its jar if the runtime refuses it: its
   *     name is taken (by an agent of the application or of another jar), it has no no-argument
   *     constructor, or its callable methods are malformed
   */
  public void registerWith(AgentBus agents) {
    for (Found agent : this.agents) {
      try {
        agents.register(agent.agentClass());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            agent.jar() + ": cannot serve " + agent.agentClass().getName() + ": " + e.getMessage(),
            e);
      }
    }
  }

  private static List<Path> jarsAt(Path path) {
    if (Files.isDirectory(path)) {
      try (Stream<Path> files = Files.list(path)) {
        return files
            .filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
            .sorted()
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list the agent directory " + path, e);
      }
    }
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("Agent jar not found: " + path.toAbsolutePath());
    }
    if (!path.getFileName().toString().endsWith(".jar")) {
      throw new IllegalArgumentException("Not a jar file or a directory: " + path.toAbsolutePath());
    }
    return List.of(path);
  }

  private static URL[] urls(List<Path> jars) {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("Not a usable jar path: " + jars.get(i), e);
      }
    }
    return urls;
  }

  private static List<String> listedClasses(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      JarEntry entry = file.getJarEntry(SERVICE_FILE);
      if (entry == null) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(file.getInputStream(entry), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          int comment = line.indexOf('#');
          String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
          if (!name.isEmpty()) {
            names.add(name);
          }
        }
      }
      return names;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Not a readable jar: " + jar + " (" + e.getMessage() + ")");
    }
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends Agent<?>> agentClass(
      String className, Path jar, ClassLoader loader) {
    Class<?> type;
    try {
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(
          jar
              + " lists "
              + className
              + " in "
              + SERVICE_FILE
              + ", but the class cannot be loaded: "
              + e);
    }
    if (!Agent.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          jar
              + " lists "
              + className
              + " in "
              + SERVICE_FILE
              + ", but it does not extend "
              + Agent.class.getName());
    }
    return (Class<? extends Agent<?>>) type;
  }
}
