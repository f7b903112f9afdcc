package org.dpface.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dpface.dataset.build.VirtualLabs;
import org.dpface.dataset.store.DatasetVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The register and shards stages on a tiny virtual lab laid out as the demo does (lab/, recon/, truth/). */
class RegisterShardsStageTest {
  @TempDir Path dir;

  @Test
  void registerThenShardsFromDisk() throws Exception {
    VirtualLabs.write(dir, List.of("cam0", "cam1"), 1);
    DemoConfig config = new DemoConfig(dir, "virtual-8cam", 1, true, 5);
    StageResult reg = new RegisterStage().run(new DemoContext(config));
    assertEquals(StageResult.DONE, reg.status());
    assertEquals(2, reg.metrics().get("included"));
    assertTrue((Double) reg.metrics().get("registered depth |dZ| p95 (mm)") < 1e-3, reg.metrics().toString());
    assertTrue(Files.isRegularFile(dir.resolve(RegisterStage.PLAN)));
    // a fresh context: the shards stage reads the plan from disk, nothing from the register stage
    StageResult shards = new ShardsStage().run(new DemoContext(config));
    assertEquals(2, shards.metrics().get("samples"));
    assertEquals(List.of(), DatasetVerifier.verify(dir.resolve(ShardsStage.DATASET)));
    assertEquals(1, shards.pictures().size());
    assertTrue(Files.size(dir.resolve(shards.pictures().get(0))) > 100);
  }
}
