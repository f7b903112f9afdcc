package org.dpface.cli.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dpface.cli.CliRun;
import org.dpface.dataset.build.VirtualLabs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dpface dataset build} on a tiny virtual lab, then {@code verify}. */
class DatasetBuildCommandTest {
  @TempDir Path tmp;

  @Test
  void buildThenVerify() throws Exception {
    VirtualLabs.write(tmp, List.of("cam0"), 2);
    Path out = tmp.resolve("dataset");
    Path plan = tmp.resolve("registration.json");
    CliRun b = CliRun.of("dataset", "build", "--lab", tmp.resolve("lab").toString(), "--out", out.toString(),
        "--truth", tmp.resolve("truth").toString(), "--plan", plan.toString());
    assertEquals(0, b.code(), b.err());
    assertTrue(b.out().contains("2 sample(s)"), b.out());
    assertTrue(b.out().contains("0 excluded by QC"), b.out());
    assertTrue(b.out().contains("registration vs truth"), b.out());
    assertTrue(Files.isRegularFile(plan));
    CliRun v = CliRun.of("dataset", "verify", out.toString());
    assertEquals(0, v.code(), v.err());
  }

  @Test
  void missingLabIsAnError() {
    CliRun b = CliRun.of("dataset", "build", "--lab", tmp.resolve("nope").toString(), "--out", tmp.resolve("d").toString());
    assertTrue(b.code() != 0);
    assertTrue(b.err().contains("no such lab directory"), b.err());
  }
}
