package org.dpface.network.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpface.network.data.DpAugmentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainRunTest {
  @TempDir
  Path dir;

  @Test
  void augmentationRoundTripsAndOldRunsReadWithout() throws IOException {
    TrainConfig tc = DatasetTraining.defaults(10, 32, 48, 3);
    TrainRun run = new TrainRun("crossmodal", "tiny", -2, 5, tc, "d");
    run.write(dir);
    TrainRun back = TrainRun.read(dir);
    assertEquals(run, back);
    assertEquals(DpAugmentation.defaults(), back.config().augmentation());

    // a run.json written before augmentation existed reads as "no augmentation"
    String old = Files.readString(dir.resolve(TrainRun.FILE)).replaceAll("(?s),\\s*\"augmentation\"\\s*:\\s*\\{[^}]*\\}", "");
    assertTrue(!old.contains("augmentation"), old);
    Files.writeString(dir.resolve(TrainRun.FILE), old);
    assertTrue(TrainRun.read(dir).config().augmentation().isIdentity());
  }
}
