package org.dpface.network.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import org.junit.jupiter.api.Test;

class CrossModalNormalNetTest {
  @Test
  void imagePathUsesSkipsNormalPathDoesNotSeeTheImage() {
    try (NDManager m = NDManager.newBaseManager()) {
      CrossModalNormalNet net = new CrossModalNormalNet(4);
      net.setInitializer(new XavierInitializer(), Parameter.Type.WEIGHT);
      int n = 2;
      int h = 16;
      int w = 24;
      NDArray l = m.randomNormal(new Shape(n, 1, h, w));
      NDArray r = m.randomNormal(new Shape(n, 1, h, w));
      NDArray coeffs = m.zeros(new Shape(n, 2));
      NDArray k = m.ones(new Shape(n, 4));
      NDArray truth = DpOps.l2Normalize(m.randomNormal(new Shape(n, 3, h, w)));
      NDList train = new NDList(l, r, coeffs, k, truth);
      Shape[] shapes = train.getShapes();
      net.initialize(m, DataType.FLOAT32, shapes);
      ParameterStore ps = new ParameterStore(m, false);

      NDList inference = net.forward(ps, new NDList(l, r, coeffs, k), false);
      assertEquals(1, inference.size());
      assertEquals(new Shape(n, 3, h, w), inference.head().getShape());
      assertTrue(inference.head().square().sum(new int[] {1}).sqrt().sub(1f).abs().max().getFloat() < 1e-3f);

      NDList out = net.forward(ps, train, false);
      Shape[] expected = net.getOutputShapes(shapes);
      assertEquals(4, out.size());
      for (int i = 0; i < 4; i++) {
        assertEquals(expected[i], out.get(i).getShape());
      }
      // another image: the image path changes, the normal → normal path (no skips) does not
      NDList other = net.forward(ps, new NDList(r, l.mul(2), coeffs, k, truth), false);
      assertTrue(maxDiff(out.get(0), other.get(0)) > 1e-3, "image path ignores the image");
      assertEquals(0, maxDiff(out.get(CrossModalNormalNet.OUT_RECONSTRUCTED),
          other.get(CrossModalNormalNet.OUT_RECONSTRUCTED)), 1e-6);
      assertEquals(0, maxDiff(out.get(CrossModalNormalNet.OUT_LATENT_NORMAL),
          other.get(CrossModalNormalNet.OUT_LATENT_NORMAL)), 1e-6);
      // and other true normals change it
      NDList flipped = net.forward(ps, new NDList(l, r, coeffs, k, truth.neg()), false);
      assertTrue(maxDiff(out.get(CrossModalNormalNet.OUT_RECONSTRUCTED),
          flipped.get(CrossModalNormalNet.OUT_RECONSTRUCTED)) > 1e-3);
      assertEquals(0, maxDiff(out.get(0), flipped.get(0)), 1e-6);
      assertTrue(!DpNetOutputs.predictsDepth(net));
    }
  }

  private static double maxDiff(NDArray a, NDArray b) {
    return a.sub(b).abs().max().getFloat();
  }
}
