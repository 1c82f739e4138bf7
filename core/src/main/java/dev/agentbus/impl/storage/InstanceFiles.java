package dev.agentbus.impl.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where an instance's database lives. The instance name never becomes part of a path: the file is
 * {@code <dataDir>/<agent>/<h0h1>/<sha256(name)>.db}, where {@code h0h1} are the first two hex
 * digits of the hash (256 directories per agent keep directory sizes small with millions of
 * instances). The real name is stored inside the file and checked when it is opened.
 */
public final class InstanceFiles {

  private InstanceFiles() {}

  /**
   * @param dataDir the data directory
   * @param agent the agent's public name (validated: {@code [a-z0-9-]+})
   * @param name the instance name, any string
   * @return the database file of the instance
   */
  public static Path databaseFile(Path dataDir, String agent, String name) {
    String hash = sha256(name);
    return dataDir.resolve(agent).resolve(hash.substring(0, 2)).resolve(hash + ".db");
  }

  /**
   * @param database a database file
   * @param suffix {@code -wal} or {@code -shm}
   * @return SQLite's companion file of that database
   */
  public static Path companion(Path database, String suffix) {
    return database.resolveSibling(database.getFileName() + suffix);
  }

  private static String sha256(String name) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
