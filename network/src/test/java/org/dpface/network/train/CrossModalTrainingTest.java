package org.dpface.network.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dpface.network.data.DpAugmentation;
import org.dpface.network.data.DpSample;
import org.dpface.network.data.SyntheticDpSource;
import org.dpface.network.validate.TrainedPredictor;
import org.dpface.network.validate.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cross-modal normal baseline trains through DpTrainer and validates without depth. */
class CrossModalTrainingTest {
  static final int STEPS = 40;

  @TempDir
  Path dir;

  @Test
  void crossModalTrainsAndValidatesNormalsOnly() throws IOException {
    SyntheticDpSource train = TrainingFixtures.learningTrain();
    SyntheticDpSource val = TrainingFixtures.learningVal();
    TrainConfig tc = new TrainConfig(STEPS, 4, 32, 32, 3e-3f, 30, 0.5f, 0.2f, 7, STEPS, STEPS,
        DpAugmentation.defaults());
    TrainRun run = new TrainRun("crossmodal", "tiny", -4, 3, tc, "synthetic");
    Path runDir = dir.resolve("run");
    run.write(runDir);
    DpTrainer.Result r = run.trainer(new TrainingListener() {}).train(train, val, runDir);
    assertEquals(STEPS, r.losses().size());
    double first = TrainingFixtures.mean(r.losses().subList(0, 5));
    double last = TrainingFixtures.mean(r.losses().subList(STEPS - 5, STEPS));
    assertTrue(last < 0.7 * first, "loss " + first + " -> " + last);
    assertTrue(Double.isNaN(r.validation().get("dispMae")), "no disparity: " + r.validation());
    assertTrue(Double.isNaN(r.validation().get("absRel")));
    double trained = r.validation().get("normalMeanDeg");
    double facing = facingCameraMeanDeg(val);
    assertTrue(trained < facing, "normal error " + trained + " deg vs facing-camera " + facing + " deg");

    Path out = dir.resolve("validation");
    try (TrainedPredictor p = TrainedPredictor.load(runDir)) {
      Validator.Report rep = new Validator(1).run(List.of(p), val, "synthetic", "val", out);
      Map<String, Double> m = rep.model("crossmodal").metrics().overall();
      assertEquals(trained, m.get("normalMeanDeg"), 1e-6);
      assertTrue(Double.isNaN(m.get("absRel")) && Double.isNaN(m.get("dispMae")), m.toString());
    }
    JsonNode overall = new ObjectMapper().readTree(out.resolve("metrics.json").toFile())
        .path("models").get(0).path("overall");
    assertTrue(overall.path("absRel").isNull() && overall.path("normalMeanDeg").isNumber(), overall.toString());
  }

  /** Per-sample mean angle (deg) of the constant normal (0, 0, −1) to the truth, averaged. */
  static double facingCameraMeanDeg(SyntheticDpSource src) throws IOException {
    double sum = 0;
    for (int i = 0; i < src.size(); i++) {
      DpSample s = src.get(i);
      double acc = 0;
      int n = 0;
      for (int p = 0; p < s.pixels(); p++) {
        if (s.mask()[p] != 0 && s.depthMm()[p] > 0) {
          acc += Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, -s.normal()[3 * p + 2]))));
          n++;
        }
      }
      sum += acc / n;
    }
    return sum / src.size();
  }
}
