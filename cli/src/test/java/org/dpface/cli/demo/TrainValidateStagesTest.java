package org.dpface.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dpface.cli.train.TinyDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainValidateStagesTest {
  @TempDir
  Path lab;

  @Test
  void pendingWithoutDatasetThenTrainAndValidateFromDisk() throws Exception {
    DemoContext ctx = new DemoContext(new DemoConfig(lab, "virtual-8cam", 1, true, 7));
    assertEquals(StageResult.PENDING, new TrainStage().run(ctx).status());
    assertEquals(StageResult.PENDING, new ValidateStage().run(ctx).status());

    TinyDataset.write(lab.resolve("dataset"), 16);
    StageResult train = new TrainStage().run(ctx);
    assertEquals(StageResult.DONE, train.status(), train.summary());
    for (String m : TrainStage.MODELS) {
      assertEquals(TrainStage.STEPS_QUICK[TrainStage.MODELS.indexOf(m)],
          ((Number) train.metrics().get(m + " steps")).intValue());
      assertTrue(train.pictures().contains("runs/" + m + "/curve.png"), train.pictures().toString());
    }

    // a fresh context: validation reads the runs and the dataset from disk only
    StageResult val = new ValidateStage().run(new DemoContext(ctx.config()));
    assertEquals(StageResult.DONE, val.status(), val.summary());
    for (String m : new String[] {"stereodp", "dpnet", "mono", "constant"}) {
      assertTrue(val.metrics().containsKey(m + " dispMae"), val.metrics().toString());
    }
    assertTrue(Files.exists(lab.resolve("validation/metrics.json")));
    assertEquals(ValidateStage.PICTURES, val.pictures().size());
    for (String p : val.pictures()) {
      assertTrue(Files.size(lab.resolve(p)) > 500, p);
    }
  }
}
