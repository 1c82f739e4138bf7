package dev.agentbus.impl.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One runtime per data directory: an operating-system lock on {@code .agentbus/lock}, held from the
 * runtime's creation until it is closed (or its process ends, however it ends). Two runtimes on one
 * directory would each believe they own its instances and overwrite each other's writes. The lock
 * file holds the holder's pid, so the refusal can name it.
 */
public final class DataDirectoryLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the data directory's lock.
   *
   * @param dataDir the data directory (its {@code .agentbus} folder is created if missing)
   * @return the held lock
   * @throws IllegalStateException naming the directory and the holder's pid, if another runtime (in
   *     this process or another) holds it
   */
  public static DataDirectoryLock acquire(Path dataDir) {
    Path file = dataDir.resolve(".agentbus").resolve("lock");
    try {
      Files.createDirectories(file.getParent());
      FileChannel channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameProcess) {
        lock = null;
      }
      if (lock == null) {
        String holder = holder(channel);
        channel.close();
        throw new IllegalStateException(
            "data directory "
                + dataDir
                + " is in use by another AgentBus runtime"
                + (holder.isEmpty() ? "" : " (pid " + holder + ")"));
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
          0);
      return new DataDirectoryLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock the data directory " + dataDir, e);
    }
  }

  private static String holder(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
  }

  /** Releases the lock. */
  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot release the data directory's lock", e);
    }
  }
}
