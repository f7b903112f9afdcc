package org.dpface.network.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.dpface.network.data.DpBatch;
import org.dpface.network.data.DpSample;
import org.dpface.network.data.SyntheticDpSource;
import org.dpface.network.model.DpNetBaseline;
import org.dpface.network.model.StereoDpNet;
import org.dpface.network.model.StereoDpNetConfig;
import org.junit.jupiter.api.Test;

/**
 * Regression test of the intermittent NaN in StereoDP training: a garbage collection between the
 * forward pass and {@code backward} must not change a single gradient.
 *
 * <p>The cause was DJL's PyTorch {@code NDArray.mul/div/maximum/minimum(Number)}: each wraps the number
 * in a scalar tensor whose memory is a Java direct buffer, runs the op and closes the scalar at once;
 * autograd still holds the scalar (the backward of x·s needs s), so once the GC's cleaner frees the
 * buffer the backward reads freed memory (garbage, NaN under {@code MALLOC_PERTURB_=255}). Whether a GC
 * fell between a step's forward and backward depended on allocation and load, hence the nondeterminism.
 * Here the GC is forced at that point, so the bug, if reintroduced, shows deterministically.
 */
class GcSafeBackwardTest {
  @Test
  void stereoDpGradientsUnchangedByGcBeforeBackward() throws IOException {
    StereoDpNetConfig cfg = StereoDpNetConfig.tiny(-4, 3);
    assertGcInvariant(() -> new StereoDpNet(cfg));
  }

  @Test
  void dpNetBaselineGradientsUnchangedByGcBeforeBackward() throws IOException {
    assertGcInvariant(() -> new DpNetBaseline(8, -4, 3));
  }

  private static void assertGcInvariant(Supplier<Block> factory) throws IOException {
    SyntheticDpSource source = TrainingFixtures.source(32, 32, 2, 3);
    List<DpSample> batch = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      batch.add(source.get(i).splitAlongWidth());
    }
    Map<String, float[]> plain = gradients(factory, batch, false);
    Map<String, float[]> collected = gradients(factory, batch, true);
    assertEquals(plain.keySet(), collected.keySet());
    for (Map.Entry<String, float[]> e : plain.entrySet()) {
      for (float g : e.getValue()) {
        assertTrue(Float.isFinite(g), "gradient of " + e.getKey() + " not finite without a GC");
      }
      assertArrayEquals(e.getValue(), collected.get(e.getKey()),
          "gradient of " + e.getKey() + " changed by a GC between forward and backward");
    }
  }

  /** One training forward/backward of a freshly seeded block; optionally a full GC before backward. */
  private static Map<String, float[]> gradients(Supplier<Block> factory, List<DpSample> batch,
      boolean gcBeforeBackward) {
    Map<String, float[]> grads = new LinkedHashMap<>();
    try (Model model = Model.newInstance("gc-safety")) {
      Engine.getInstance().setRandomSeed(5);
      model.setBlock(factory.get());
      DpAdam adam = new DpAdam(new StepLrTracker(1e-3f, 1f, 1000, 0));
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(new DpLoss(0.2f)).optOptimizer(adam))) {
        Shape image = new Shape(batch.size(), 1, batch.get(0).height(), batch.get(0).width());
        trainer.initialize(image, image, new Shape(batch.size(), 2), new Shape(batch.size(), 4));
        try (NDManager sub = trainer.getManager().newSubManager()) {
          NDList in = DpBatch.inputs(sub, batch);
          NDList labels = DpBatch.labels(sub, batch);
          try (GradientCollector gc = trainer.newGradientCollector()) {
            NDArray loss = new DpLoss(0.2f).parts(labels, trainer.forward(in))[0];
            if (gcBeforeBackward) {
              collectGarbage();
            }
            gc.backward(loss);
          }
          for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            NDArray w = p.getValue().getArray();
            if (w.hasGradient()) {
              try (NDArray g = w.getGradient()) {
                grads.put(p.getKey(), g.toFloatArray());
              }
            }
          }
        }
      }
    }
    return grads;
  }

  /** Full GCs until a fresh object is collected, then time for the cleaner thread to free buffers. */
  private static void collectGarbage() {
    WeakReference<Object> canary = new WeakReference<>(new Object());
    try {
      for (int i = 0; i < 20 && canary.get() != null; i++) {
        System.gc();
        Thread.sleep(20);
      }
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
