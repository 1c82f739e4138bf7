package dev.agentbus.agents;

import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The application ({@link AppProcess}) started on a data directory and listening on a free port,
 * with what the soak and crash tests look at from outside: its open descriptors, its heap after a
 * full collection (through its JMX agent), and a way to kill it with SIGKILL.
 */
final class RunningApp implements AutoCloseable {

  /** Open descriptors: sockets, and everything else (instance files, jars, pipes, epoll). */
  record Descriptors(int sockets, int others) {}

  final Process process;
  final int port;
  private final Deque<String> lastLines = new ArrayDeque<>();
  private JMXConnector jmx;

  private RunningApp(Process process, int port, BufferedReader out) {
    this.process = process;
    this.port = port;
    // its output is read to the end, or a full pipe would stop it
    Thread.ofVirtual()
        .name("app-output")
        .start(
            () -> {
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > 50) {
                      lastLines.removeFirst();
                    }
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            });
  }

  /**
   * Starts the application and waits for its start line.
   *
   * @param dataDir its data directory
   * @param env more {@code AGENTBUS_*} variables
   * @return the running application
   */
  static RunningApp start(Path dataDir, Map<String, String> env) throws IOException {
    Map<String, String> all = new HashMap<>(env);
    all.put("AGENTBUS_DATA_DIR", dataDir.toString());
    all.put("AGENTBUS_PORT", "0");
    all.put("AGENTBUS_HOST", "127.0.0.1");
    Process process = AppProcess.start(all);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    int port = Integer.parseInt(AppProcess.awaitStart(out).group(2));
    return new RunningApp(process, port, out);
  }

  /** Its open file descriptors, from {@code /proc/<pid>/fd}. */
  Descriptors descriptors() throws IOException {
    int sockets = 0;
    int others = 0;
    try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(process.pid()), "fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
            sockets++;
          } else {
            others++;
          }
        } catch (IOException closedMeanwhile) {
          // gone between the listing and the read
        }
      }
    }
    return new Descriptors(sockets, others);
  }

  /** Its heap in use right after a full collection, in bytes (through its own JMX agent). */
  long heapAfterGc() throws Exception {
    if (jmx == null) {
      VirtualMachine vm = VirtualMachine.attach(String.valueOf(process.pid()));
      try {
        jmx = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
      } finally {
        vm.detach();
      }
    }
    MemoryMXBean memory =
        ManagementFactory.newPlatformMXBeanProxy(
            jmx.getMBeanServerConnection(),
            ManagementFactory.MEMORY_MXBEAN_NAME,
            MemoryMXBean.class);
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** Kills it with SIGKILL (no shutdown hook runs) and waits for it to end. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the application did not die within 30 s of SIGKILL");
    }
  }

  /** The last lines it printed, to explain a failure. */
  String lastLines() {
    synchronized (lastLines) {
      return String.join("\n", lastLines);
    }
  }

  /** Stops it with SIGTERM (and SIGKILL if it is still running 30 s later). */
  @Override
  public void close() throws Exception {
    if (jmx != null) {
      try {
        jmx.close();
      } catch (IOException goneAlready) {
        // killed: nothing to close
      }
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
