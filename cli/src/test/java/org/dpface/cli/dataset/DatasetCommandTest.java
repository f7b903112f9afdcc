package org.dpface.cli.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dpface.cli.CliRun;
import org.dpface.cli.Dpface;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.sample.SampleIds;
import org.dpface.dataset.sample.SampleMetadata;
import org.dpface.dataset.sample.SampleShape;
import org.dpface.dataset.shard.DpAxis;
import org.dpface.dataset.store.DatasetConfig;
import org.dpface.dataset.store.DatasetWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dpface dataset ...} as a user types it. */
class DatasetCommandTest {
  @TempDir Path tmp;

  static final SampleShape SHAPE = new SampleShape(6, 8, 1);
  static final List<String> SUBJECTS = List.of("sub-0001", "sub-0002", "sub-0003");

  private Path dataset() throws Exception {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      String subject = SUBJECTS.get(i % 3);
      short[] dp = new short[SHAPE.dpElements()];
      java.util.Arrays.fill(dp, (short) (100 + i));
      float[] depth = new float[SHAPE.pixels()];
      java.util.Arrays.fill(depth, 950f + i);
      float[] normal = new float[3 * SHAPE.pixels()];
      for (int p = 0; p < SHAPE.pixels(); p++) {
        normal[3 * p + 2] = -1f;
      }
      byte[] mask = new byte[SHAPE.pixels()];
      java.util.Arrays.fill(mask, (byte) 1);
      samples.add(new Sample(SHAPE, new SampleIds(subject + "-s" + i, subject, "ses-1", "cam" + (i % 2)),
          new SampleMetadata("neutral", "forward", "front", "light0"), dp, dp.clone(), depth, normal, mask,
          new float[] {100, 0, 4, 0, 100, 3, 0, 0, 1}, new float[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1},
          new float[] {-27000f, 33f}));
    }
    Path dir = tmp.resolve("ds");
    DatasetWriter.write(dir, SUBJECTS, samples.iterator(),
        DatasetConfig.defaults(SHAPE, DpAxis.VERTICAL, "test", Instant.parse("2025-01-01T00:00:00Z")).withSeed(3));
    return dir;
  }

  @Test
  void verifyStatsWithdrawThenVerifyAgain() throws Exception {
    Path dir = dataset();
    CliRun v = CliRun.of("dataset", "verify", dir.toString());
    assertEquals(0, v.code(), v.err());
    assertTrue(v.out().contains("valid"), v.out());

    CliRun s = CliRun.of("dataset", "stats", dir.toString());
    assertEquals(0, s.code(), s.err());
    assertTrue(s.out().contains("samples       9") && s.out().contains("cam0=5"), s.out());

    CliRun w = CliRun.of("dataset", "withdraw", dir.toString(), "--subject", "sub-0002");
    assertEquals(0, w.code(), w.err());
    assertTrue(w.out().contains("3 sample(s) removed"), w.out());
    assertEquals(0, CliRun.of("dataset", "verify", dir.toString()).code());
    assertTrue(CliRun.of("dataset", "stats", dir.toString()).out().contains("samples       6"));
  }

  @Test
  void verifyListsProblemsAndFails() throws Exception {
    Path dir = dataset();
    Files.delete(dir.resolve("manifest.json"));
    CliRun v = CliRun.of("dataset", "verify", dir.toString());
    assertEquals(Dpface.EXIT_FAILURE, v.code());
    assertTrue(v.err().contains("manifest.json: -: missing"), v.err());
    assertTrue(v.err().strip().endsWith("1 problem(s)"), v.err());
  }

  @Test
  void failuresAreOneLineAndUsageErrorsExitTwo() throws Exception {
    CliRun missing = CliRun.of("dataset", "stats", tmp.resolve("nope").toString());
    assertEquals(Dpface.EXIT_FAILURE, missing.code());
    assertEquals(1, missing.err().strip().lines().count(), missing.err());
    assertTrue(missing.err().startsWith("dpface: ") && missing.err().contains("no such dataset"), missing.err());

    Path dir = dataset();
    CliRun unknown = CliRun.of("dataset", "withdraw", dir.toString(), "--subject", "sub-0099");
    assertEquals(Dpface.EXIT_FAILURE, unknown.code());
    assertTrue(unknown.err().contains("sub-0099 is not in the dataset"), unknown.err());
    assertEquals(1, unknown.err().strip().lines().count(), unknown.err());

    assertEquals(Dpface.EXIT_USAGE, CliRun.of("dataset", "withdraw", dir.toString()).code());
    assertEquals(Dpface.EXIT_USAGE, CliRun.of("dataset").code());
  }
}
