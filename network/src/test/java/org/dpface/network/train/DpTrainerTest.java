package org.dpface.network.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dpface.core.io.PngImages;
import org.dpface.network.data.SyntheticDpSource;
import org.dpface.network.model.StereoDpNet;
import org.dpface.network.model.StereoDpNetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DpTrainerTest {
  static final int STEPS = 40;

  @TempDir
  Path dir;

  @Test
  void tinyStereoDpLearnsResumesAndReloads() throws IOException {
    SyntheticDpSource train = TrainingFixtures.learningTrain();
    SyntheticDpSource val = TrainingFixtures.learningVal();
    StereoDpNetConfig cfg = StereoDpNetConfig.tiny(-4, 3);
    TrainConfig tc = new TrainConfig(STEPS, 4, 32, 32, 3e-3f, 30, 0.5f, 0.2f, 7, 20, 20);
    DpTrainer trainer = new DpTrainer("stereodp", () -> new StereoDpNet(cfg), 2, tc,
        new TrainingListener() {});
    DpTrainer.Result r = trainer.train(train, val, dir);
    assertEquals(0, r.startStep());
    assertEquals(STEPS, r.losses().size());
    double first = TrainingFixtures.mean(r.losses().subList(0, 5));
    double last = TrainingFixtures.mean(r.losses().subList(STEPS - 5, STEPS));
    assertTrue(last < 0.7 * first, "loss " + first + " -> " + last);
    double mae = r.validation().get("dispMae");
    double trivial = r.validation().get("trivialDispMae");
    assertTrue(mae < trivial, "disparity MAE " + mae + " vs trivial " + trivial);
    assertEquals(STEPS, DpTrainer.readStep(dir.resolve("checkpoint")));

    // a reloaded checkpoint predicts exactly what the trained model predicted
    Map<String, Double> reloaded = trainer.validateCheckpoint(dir, train, val);
    assertEquals(mae, reloaded.get("dispMae"), 0.0);

    // resume continues at the saved step and stops at the new total
    DpTrainer more = new DpTrainer("stereodp", () -> new StereoDpNet(cfg), 2, tc.withSteps(STEPS + 6),
        new TrainingListener() {});
    DpTrainer.Result r2 = more.train(train, val, dir);
    assertEquals(STEPS, r2.startStep());
    assertEquals(6, r2.losses().size());
    assertEquals(STEPS + 6, DpTrainer.readStep(dir.resolve("checkpoint")));
    long stepLines = Files.readAllLines(dir.resolve("metrics.jsonl")).stream()
        .filter(l -> l.contains("\"type\":\"step\"")).count();
    assertEquals(STEPS + 6, stepLines);
    assertEquals(CurvePlot.WIDTH, PngImages.info(dir.resolve("curve.png")).width());
  }
}
