package org.dpface.network.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dpface.network.data.SyntheticDpSource;
import org.dpface.network.model.StereoDpNet;
import org.dpface.network.model.StereoDpNetConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** N steps in one go versus N/2 + checkpoint + resume N/2: same losses and parameters. */
class DpTrainerResumeTest {
  static final int STEPS = 4;
  static final StereoDpNetConfig CFG = StereoDpNetConfig.tiny(-4, 3);

  @TempDir
  Path dir;

  private static DpTrainer trainer(int steps) {
    TrainConfig tc = new TrainConfig(steps, 2, 16, 16, 3e-3f, 6, 0.5f, 0.2f, 11, STEPS / 2, 100);
    return new DpTrainer("stereodp", () -> new StereoDpNet(CFG), 2, tc, new TrainingListener() {});
  }

  @Test
  void resumeRestoresAdamState() throws IOException, MalformedModelException {
    SyntheticDpSource train = TrainingFixtures.source(24, 24, 6, 1);
    SyntheticDpSource val = TrainingFixtures.source(16, 16, 1, 2);

    Path whole = dir.resolve("whole");
    DpTrainer.Result a = trainer(STEPS).train(train, val, whole);

    Path split = dir.resolve("split");
    trainer(STEPS / 2).train(train, val, split);
    assertTrue(Files.exists(split.resolve("checkpoint").resolve(DpTrainer.OPTIMIZER_FILE)));
    DpTrainer.Result b = trainer(STEPS).train(train, val, split);
    assertEquals(STEPS / 2, b.startStep());
    for (int i = 0; i < STEPS / 2; i++) {
      double la = a.losses().get(STEPS / 2 + i);
      assertEquals(la, b.losses().get(i), 1e-5 * Math.abs(la), "loss of step " + (STEPS / 2 + i));
    }
    double resumed = maxParameterDifference(whole, split);
    assertTrue(resumed < 1e-5, "parameters differ by " + resumed);

    // control: the same resume without the optimizer state ends elsewhere (the test can fail)
    Path cold = dir.resolve("cold");
    trainer(STEPS / 2).train(train, val, cold);
    Path state = cold.resolve("checkpoint").resolve("state.json");
    ObjectMapper json = new ObjectMapper();
    ObjectNode n = (ObjectNode) json.readTree(state.toFile());
    n.remove("optimizer");
    n.put("version", 1);
    json.writeValue(state.toFile(), n);
    trainer(STEPS).train(train, val, cold);
    double restarted = maxParameterDifference(whole, cold);
    assertTrue(restarted > 100 * Math.max(resumed, 1e-7),
        "restarting Adam should change the parameters: " + restarted + " vs " + resumed);
  }

  /** Max |Δ| over all parameters of two runs' last checkpoints. */
  static double maxParameterDifference(Path runA, Path runB) throws IOException, MalformedModelException {
    try (Model ma = Model.newInstance("stereodp"); Model mb = Model.newInstance("stereodp")) {
      ma.setBlock(new StereoDpNet(CFG));
      mb.setBlock(new StereoDpNet(CFG));
      ma.load(runA.resolve("checkpoint"), "stereodp");
      mb.load(runB.resolve("checkpoint"), "stereodp");
      List<Pair<String, Parameter>> pa = ma.getBlock().getParameters().stream().toList();
      List<Pair<String, Parameter>> pb = mb.getBlock().getParameters().stream().toList();
      assertEquals(pa.size(), pb.size());
      double max = 0;
      for (int i = 0; i < pa.size(); i++) {
        assertEquals(pa.get(i).getKey(), pb.get(i).getKey());
        NDArray x = pa.get(i).getValue().getArray();
        NDArray y = pb.get(i).getValue().getArray();
        max = Math.max(max, x.sub(y).abs().max().getFloat());
      }
      return max;
    }
  }
}
