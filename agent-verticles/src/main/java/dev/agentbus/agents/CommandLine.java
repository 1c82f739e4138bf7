package dev.agentbus.agents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's command line: {@code --config <file.json>}, {@code --port <n>}, {@code --data
 * <dir>}, {@code --agents <path>[,...]} (each also as {@code --flag=value}) and {@code -h} or
 * {@code --help}.
 *
 * @param help whether {@code -h} or {@code --help} was given: print {@link #USAGE} and exit
 * @param values each flag given and its value, e.g. {@code --port} → {@code 9000}; the last one
 *     wins if a flag is repeated
 */
public record CommandLine(boolean help, Map<String, String> values) {

  /** The flags that take a value. */
  public static final List<String> FLAGS = List.of("--config", "--port", "--data", "--agents");

  /** What {@code --help} prints, and a usage error after its one line. */
  public static final String USAGE =
      """
      Usage: agentbus-app [--config <file.json>] [--port <n>] [--data <dir>] [--agents <path>[,...]]
        --config <file.json>   read the options from a JSON file
        --port <n>             the gateway's port (0: any free port); the option port
        --data <dir>           where the instances' SQLite files are; the option dataDir
        --agents <path>[,...]  also serve the agents listed in these jars or directories of jars
        -h, --help             print this and exit
      Every option can also be set as an environment variable AGENTBUS_<OPTION_IN_UPPER_SNAKE_CASE>,
      e.g. AGENTBUS_IDLE_TIMEOUT_MS. Flags win over the environment, which wins over the file.
      The options, their variables and defaults: docs/configuration.md""";

  /**
   * Reads the arguments of {@code main}.
   *
   * @param args e.g. {@code --config app.json --port 9000}
   * @return what they say
   * @throws UsageError for an argument that is no flag, or a flag without its value
   */
  public static CommandLine parse(String... args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        return new CommandLine(true, Map.of());
      }
      int equals = arg.indexOf('=');
      String flag = equals > 0 ? arg.substring(0, equals) : arg;
      if (!FLAGS.contains(flag)) {
        throw new UsageError(
            (arg.startsWith("-") ? "unknown flag " : "unexpected argument ") + quoted(flag));
      }
      if (equals > 0) {
        values.put(flag, arg.substring(equals + 1));
      } else if (i + 1 < args.length) {
        values.put(flag, args[++i]);
      } else {
        throw new UsageError(flag + " needs a value");
      }
    }
    return new CommandLine(false, Map.copyOf(values));
  }

  /**
   * The value of a flag.
   *
   * @param flag e.g. {@code --port}
   * @return its value, or {@code null} if it was not given
   */
  public String value(String flag) {
    return values.get(flag);
  }

  private static String quoted(String text) {
    return "\"" + text + "\"";
  }

  /** A command line that asks for nothing the application does; the usage follows its message. */
  public static final class UsageError extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, e.g. {@code unknown flag "--prot"}
     */
    public UsageError(String message) {
      super(message);
    }
  }
}
