package dev.agentbus;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for a test, that the test fills up and frees again. Mounting needs root (or
 * a capability); where the machine does not allow it, {@link #mount} says why and returns {@code
 * null}.
 */
final class SmallDisk implements AutoCloseable {

  private final Path dir;
  private final Path filler;

  private SmallDisk(Path dir) {
    this.dir = dir;
    this.filler = dir.resolve("filler");
  }

  /**
   * Mounts a tmpfs on an empty directory.
   *
   * @param dir the directory
   * @param size its size, as {@code mount} takes it ({@code 2m})
   * @param whyNot where the reason goes if it cannot be mounted
   * @return the disk, or {@code null} if the machine does not allow the mount
   */
  static SmallDisk mount(Path dir, String size, StringBuilder whyNot) {
    try {
      String output = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
      if (output == null) {
        return new SmallDisk(dir);
      }
      whyNot.append(output);
    } catch (IOException e) {
      whyNot.append(e.getMessage());
    }
    return null;
  }

  /** {@return the mounted directory} */
  Path dir() {
    return dir;
  }

  /** Writes a file until the disk has no space left. */
  void fill() throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      if (!String.valueOf(full.getMessage()).contains("No space left")) {
        throw full;
      }
    }
  }

  /** Deletes what {@link #fill} wrote. */
  void free() throws IOException {
    Files.deleteIfExists(filler);
  }

  /** Unmounts the tmpfs (lazily if something still holds a file on it). */
  @Override
  public void close() throws IOException {
    if (run("umount", dir.toString()) != null) {
      String lazy = run("umount", "-l", dir.toString());
      if (lazy != null) {
        throw new IOException("Cannot unmount " + dir + ": " + lazy);
      }
    }
  }

  /**
   * Runs a command.
   *
   * @return {@code null} if it succeeded, else what it printed
   */
  private static String run(String... command) throws IOException {
    Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return String.join(" ", command) + " did not finish";
      }
      return process.exitValue() == 0
          ? null
          : String.join(" ", command)
              + " exited with "
              + process.exitValue()
              + ": "
              + output.trim();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while running " + command[0], e);
    }
  }
}
