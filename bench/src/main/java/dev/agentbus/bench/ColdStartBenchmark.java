package dev.agentbus.bench;

import dev.agentbus.bench.gateway.ChildJvm;
import dev.agentbus.bench.gateway.ServerMain;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The cold-start benchmark: how long the first agent call takes once a fresh server has said it is
 * listening, against the tenth. Each run starts a new AgentBus server JVM ({@link ServerMain}:
 * AgentBus, {@code CounterAgent}, the gateway) and, as soon as it prints its port, sends ten HTTP
 * {@code POST}s one after the other, each to a new instance (so each creates an instance and its
 * SQLite file), each on a new connection. Runs alternate between the server without its warm-up
 * (system property {@code agentbus.warmUp=false}) and with it, {@link #RUNS} times each.
 *
 * <p>The client is a plain socket writing a fixed request, exercised first against a socket of this
 * JVM, so that its own class loading is not counted. Run with {@code ./agentbus bench coldstart}.
 */
public final class ColdStartBenchmark {

  static final int RUNS = 4;
  static final int CALLS = 10;

  private ColdStartBenchmark() {}

  /**
   * Runs the benchmark and prints its figures.
   *
   * @param args ignored
   * @throws Exception if a JVM cannot be started
   */
  public static void main(String[] args) throws Exception {
    System.out.println("# AgentBus cold-start benchmark");
    System.out.println();
    Report.environment();
    System.out.println(
        "- Server: AgentGateway + CounterAgent in a new JVM per run, flags "
            + String.join(" ", GatewayBenchmark.SERVER_FLAGS)
            + "; "
            + CALLS
            + " sequential HTTP POSTs to new instances right after it prints its port");
    System.out.println();
    warmClient();
    Path logDir = Files.createTempDirectory("agentbus-coldstart-bench-logs-");
    List<double[]> without = new ArrayList<>();
    List<double[]> with = new ArrayList<>();
    for (int run = 1; run <= RUNS; run++) {
      without.add(run(false, run, logDir));
      with.add(run(true, run, logDir));
    }
    System.out.println();
    System.out.println("## Results (ms; runs alternate without and with the warm-up)");
    System.out.println();
    System.out.println("| figure | without warm-up | with warm-up |");
    System.out.println("| --- | --- | --- |");
    System.out.println(
        "| JVM start to listening | " + column(without, 0) + " | " + column(with, 0) + " |");
    System.out.println("| first call | " + column(without, 1) + " | " + column(with, 1) + " |");
    System.out.println("| second call | " + column(without, 2) + " | " + column(with, 2) + " |");
    System.out.println(
        "| tenth call | " + column(without, CALLS) + " | " + column(with, CALLS) + " |");
    System.out.println();
    System.out.println("Each cell: every run of the variant, in run order.");
    BenchRuntime.deleteTree(logDir);
    System.exit(0);
  }

  /** One run: the start time, then the latency of each call, in milliseconds. */
  private static double[] run(boolean warmUp, int run, Path logDir) throws Exception {
    List<String> flags = new ArrayList<>(GatewayBenchmark.SERVER_FLAGS);
    flags.add("-Dagentbus.warmUp=" + warmUp);
    double[] out = new double[CALLS + 1];
    long start = System.nanoTime();
    try (ChildJvm server =
        ChildJvm.start(
            "coldstart-" + run + (warmUp ? "-warm" : "-cold"),
            flags,
            ServerMain.class,
            List.of("agentbus"),
            logDir)) {
      int port = server.answer("start of AgentBus", 60).getInteger("port");
      out[0] = (System.nanoTime() - start) / 1e6;
      for (int i = 1; i <= CALLS; i++) {
        long t = System.nanoTime();
        String body = post(port, "/agents/counter-agent/cold-" + run + "-" + i);
        out[i] = (System.nanoTime() - t) / 1e6;
        if (!body.contains("\"count\":1")) {
          throw new IllegalStateException("unexpected answer: " + body);
        }
      }
    }
    Report.progress(
        (warmUp ? "with" : "without")
            + " warm-up, run "
            + run
            + ": listening after "
            + String.format(Locale.ROOT, "%.0f ms", out[0])
            + ", calls "
            + Arrays.toString(
                Arrays.stream(out, 1, out.length).map(ColdStartBenchmark::round).toArray()));
    return out;
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }

  private static String column(List<double[]> runs, int index) {
    List<String> cells = new ArrayList<>();
    for (double[] run : runs) {
      cells.add(String.format(Locale.ROOT, index == 0 ? "%.0f" : "%.1f", run[index]));
    }
    return String.join(" / ", cells);
  }

  /** Runs the client's code path a few hundred times against a socket of this JVM. */
  private static void warmClient() throws Exception {
    try (ServerSocket local = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread answering =
          new Thread(
              () -> {
                byte[] reply =
                    "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{\"count\":1}"
                        .getBytes(StandardCharsets.US_ASCII);
                while (!local.isClosed()) {
                  try (Socket socket = local.accept()) {
                    readHead(socket.getInputStream());
                    socket.getOutputStream().write(reply);
                  } catch (IOException e) {
                    // closed
                  }
                }
              });
      answering.setDaemon(true);
      answering.start();
      for (int i = 0; i < 300; i++) {
        post(local.getLocalPort(), "/warm/" + i);
      }
    }
  }

  /** Sends a {@code POST} with an empty body on a new connection and returns the answer's body. */
  static String post(int port, String path) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      int length = contentLength(head);
      byte[] body = in.readNBytes(length);
      if (!head.startsWith("HTTP/1.1 200")) {
        throw new IOException("answer: " + head.lines().findFirst().orElse(head));
      }
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the headers");
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return 0;
  }
}
