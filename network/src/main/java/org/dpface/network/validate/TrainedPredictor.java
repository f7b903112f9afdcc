package org.dpface.network.validate;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dpface.network.data.DpBatch;
import org.dpface.network.data.DpSample;
import org.dpface.network.model.DpNetOutputs;
import org.dpface.network.train.TrainRun;

/**
 * A trained network loaded from a run directory ({@code run.json} + {@code checkpoint/}), predicting
 * one sample at a time in inference mode. Native memory: the model lives until {@link #close()}; each
 * prediction runs in its own sub-manager. Not thread-safe.
 */
public final class TrainedPredictor implements DepthPredictor {
  private final TrainRun run;
  private final Model model;
  private final int stride;

  private TrainedPredictor(TrainRun run, Model model) {
    this.run = run;
    this.model = model;
    this.stride = run.stride();
  }

  /** Loads the run's last checkpoint. */
  public static TrainedPredictor load(Path runDir) throws IOException {
    TrainRun run = TrainRun.read(runDir);
    Model model = Model.newInstance(run.model());
    try {
      model.setBlock(run.blockFactory().get());
      model.load(runDir.resolve("checkpoint"), run.model());
    } catch (MalformedModelException | IOException | RuntimeException e) {
      model.close();
      throw e instanceof IOException io ? io : new IOException("cannot load " + runDir + ": " + e.getMessage(), e);
    }
    return new TrainedPredictor(run, model);
  }

  /** The run's description. */
  public TrainRun run() {
    return run;
  }

  @Override
  public String name() {
    return run.model();
  }

  @Override
  public String kind() {
    return "trained";
  }

  @Override
  public int stride() {
    return stride;
  }

  @Override
  public Prediction predict(DpSample s) {
    try (NDManager m = model.getNDManager().newSubManager()) {
      NDList out = model.getBlock().forward(new ParameterStore(m, false), DpBatch.inputs(m, List.of(s)), false);
      float[] normals = DpNetOutputs.normalsPerPixel(DpNetOutputs.normals(model.getBlock(), out), s.pixels());
      if (!DpNetOutputs.predictsDepth(model.getBlock())) {
        return new Prediction(null, null, normals);
      }
      float[] disp = out.get(DpNetOutputs.OUT_DISPARITY).toFloatArray();
      float[] depth = out.get(DpNetOutputs.OUT_DEPTH).toFloatArray();
      return new Prediction(disp, depth, normals);
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
