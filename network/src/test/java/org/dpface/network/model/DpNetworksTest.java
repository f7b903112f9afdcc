package org.dpface.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.initializer.XavierInitializer;
import org.junit.jupiter.api.Test;

class DpNetworksTest {
  private static NDList inputs(NDManager m, int n, int h, int w) {
    NDArray l = m.randomNormal(new Shape(n, 1, h, w));
    NDArray r = m.randomNormal(new Shape(n, 1, h, w));
    float[] c = new float[2 * n];
    float[] k = new float[4 * n];
    for (int i = 0; i < n; i++) {
      c[2 * i] = -16631f;
      c[2 * i + 1] = 17.15f;
      k[4 * i] = 1625;
      k[4 * i + 1] = 1625;
      k[4 * i + 2] = w / 2f;
      k[4 * i + 3] = h / 2f;
    }
    return new NDList(l, r, m.create(c, new Shape(n, 2)), m.create(k, new Shape(n, 4)));
  }

  private static void checkOutputs(AbstractBlock net, int outputs) {
    try (NDManager m = NDManager.newBaseManager()) {
      net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
      NDList in = inputs(m, 2, 16, 24);
      Shape[] shapes = new Shape[in.size()];
      for (int i = 0; i < shapes.length; i++) {
        shapes[i] = in.get(i).getShape();
      }
      net.initialize(m, DataType.FLOAT32, shapes);
      NDList out = net.forward(new ParameterStore(m, false), in, false);
      assertEquals(outputs, out.size());
      Shape[] expected = net.getOutputShapes(shapes);
      for (int i = 0; i < outputs; i++) {
        assertEquals(expected[i], out.get(i).getShape());
      }
      float[] d = out.get(DpNetOutputs.OUT_DISPARITY).toFloatArray();
      float[] z = out.get(DpNetOutputs.OUT_DEPTH).toFloatArray();
      for (int i = 0; i < d.length; i++) {
        assertTrue(d[i] >= -4.001f && d[i] <= 3.001f, "disparity in range: " + d[i]);
        assertEquals(-16631.0 / (d[i] - 17.15), z[i], 1e-2 * Math.abs(z[i]) * 1e-3);
      }
      NDArray len = out.get(DpNetOutputs.OUT_NORMALS).square().sum(new int[] {1}).sqrt();
      assertTrue(len.sub(1f).abs().max().getFloat() < 1e-3f);
    }
  }

  @Test
  void stereoDpNetShapesRangesAndUnitNormals() {
    StereoDpNetConfig cfg = StereoDpNetConfig.tiny(-4, 3);
    checkOutputs(new StereoDpNet(cfg), 3 + cfg.aggregationStages() - 1);
  }

  @Test
  void stereoDpNetWithoutAdaptiveSampling() {
    checkOutputs(new StereoDpNet(new StereoDpNetConfig(4, 2, 4, -4, 3, 8, 4, 1, 4, false, 0)), 3);
  }

  @Test
  void adaptiveNormalModuleShapesTheNormals() {
    StereoDpNetConfig cfg = StereoDpNetConfig.tiny(-4, 3);
    assertEquals(4, cfg.normalHypotheses());
    try (Model model = Model.newInstance("stereodp")) {
      model.setBlock(new StereoDpNet(cfg));
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()))) {
        NDManager m = trainer.getManager();
        NDList in = inputs(m, 2, 16, 24);
        trainer.initialize(in.getShapes());
        try (GradientCollector gc = trainer.newGradientCollector()) {
          NDList out = trainer.forward(in);
          NDArray target = m.randomNormal(out.get(DpNetOutputs.OUT_NORMALS).getShape());
          gc.backward(out.get(DpNetOutputs.OUT_NORMALS).mul(target).sum());
        }
        int checked = 0;
        for (var p : model.getBlock().getParameters()) {
          if (p.getKey().contains("normalVolume") && p.getKey().endsWith("weight")) {
            float g = p.getValue().getArray().getGradient().abs().sum().getFloat();
            assertTrue(g > 0, "no gradient reaches " + p.getKey());
            checked++;
          }
        }
        assertEquals(3, checked, "three Conv3d layers in the normal module");
      }
    }
  }

  @Test
  void baselineShapesRangesAndUnitNormals() {
    checkOutputs(new DpNetBaseline(4, -4, 3), 3);
  }
}
