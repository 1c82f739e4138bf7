package dev.agentbus.impl.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeWarmUpTest {

  @TempDir Path dataDir;

  @Test
  void theWarmUpLeavesOnlyTheTemplateAndNoVerticleBehind() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      RuntimeWarmUp.warmUp(vertx, dataDir);
      RuntimeWarmUp.warmUp(vertx, dataDir); // a second run finds nothing in its way
      assertEquals(0, vertx.deploymentIDs().size(), "the warm-up verticle is undeployed");
    } finally {
      vertx.close().await();
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      List<String> names =
          files.filter(Files::isRegularFile).map(p -> dataDir.relativize(p).toString()).toList();
      assertEquals(List.of(".agentbus/instance-v1.db"), names);
    }
  }
}
