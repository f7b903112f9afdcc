package org.dpface.reconstruction.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.reconstruction.codec.DecoderConfig;
import org.dpface.reconstruction.codec.SequenceConfig;
import org.dpface.reconstruction.codec.Sequences;
import org.dpface.reconstruction.struct.SequenceDescription;
import org.dpface.reconstruction.struct.TriangulatedView;
import org.junit.jupiter.api.Test;

/** The pipeline's small parts on hand-made inputs: view merging, mesh topology, configuration checks. */
class PipelinePartsTest {
  private static final CameraModel CAM = CameraModel.pinhole(4, 2, 100, 1.5, 0.5);
  private static final float EPS = 1e-5f;

  /** A view of CAM with depth z (mm) and confidence c at pixel (x, 0) for each given x; others invalid. */
  private static TriangulatedView view(int[] xs, float[] z, float[] c) {
    TriangulatedView v = new TriangulatedView();
    v.reset(CAM, RigidTransform.identity());
    java.util.Arrays.fill(v.points.data, Float.NaN);
    for (int k = 0; k < xs.length; k++) {
      int x = xs[k];
      v.mask.set(x, 0, 1);
      v.depth.set(x, 0, z[k]);
      v.confidence.set(x, 0, c[k]);
      int i = v.points.indexOf(x, 0);
      v.points.data[i] = (x - 1.5f) * z[k] / 100f;
      v.points.data[i + 1] = -0.5f * z[k] / 100f;
      v.points.data[i + 2] = z[k];
    }
    return v;
  }

  @Test
  void mergeAveragesAgreeingViewsAndOutvotesOthers() {
    TriangulatedView a = view(new int[] {0, 1, 2}, new float[] {1000, 1000, 1000}, new float[] {0.9f, 0.3f, 0.5f});
    TriangulatedView b = view(new int[] {1, 2, 3}, new float[] {1000.5f, 1010, 990}, new float[] {0.1f, 0.6f, 0.4f});
    TriangulatedView out = new TriangulatedView();
    ViewMerge.merge(List.of(a, b), 1.0, out);
    assertEquals(1000f, out.depth.get(0, 0), EPS); // a only
    assertEquals((0.3f * 1000 + 0.1f * 1000.5f) / 0.4f, out.depth.get(1, 0), 1e-3); // agree: weighted mean
    assertEquals(0.3f, out.confidence.get(1, 0), EPS); // the best view's confidence
    assertEquals(1010f, out.depth.get(2, 0), EPS); // disagree: b is more confident, a outvoted
    assertEquals(990f, out.depth.get(3, 0), EPS); // b only
    assertEquals(1010f, out.points.data[out.points.indexOf(2, 0) + 2], EPS);
    assertEquals(0, out.mask.get(0, 1));
    assertEquals(0f, out.depth.get(0, 1));
    assertEquals(4, out.countValid());
  }

  @Test
  void topologyCountsComponentsLoopsAndHoles() {
    // a 4x4-vertex grid of unit squares (two triangles each) without the centre square: one hole
    float[] pos = new float[3 * 16];
    for (int i = 0; i < 16; i++) {
      pos[3 * i] = i % 4;
      pos[3 * i + 1] = i / 4;
    }
    int[] faces = new int[6 * 8];
    int k = 0;
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 3; x++) {
        if (x == 1 && y == 1) {
          continue;
        }
        int v = 4 * y + x;
        int[] quad = {v, v + 1, v + 5, v, v + 5, v + 4};
        System.arraycopy(quad, 0, faces, k, 6);
        k += 6;
      }
    }
    MeshTopology t = MeshTopology.of(new TriangleMesh(pos, faces));
    assertEquals(new MeshTopology(1, 12 + 4, 2, 1), t);
    MeshTopology quad = MeshTopology.of(new TriangleMesh(pos, new int[] {0, 1, 5, 0, 5, 4}));
    assertEquals(new MeshTopology(1, 4, 1, 0), quad);
  }

  @Test
  void configurationsAreChecked() {
    ReconstructionConfig ok = ReconstructionConfig.defaults().check();
    assertThrows(IllegalArgumentException.class, () -> ok.withThreads(0).check());
    assertThrows(IllegalArgumentException.class, () -> ok.withCameraPartners(-1).check());
    assertThrows(IllegalArgumentException.class, () -> ok.withMergeTolerance(Double.NaN).check());
    assertThrows(IllegalArgumentException.class, () -> ok.withMinComponentFraction(1.5).check());
    assertThrows(IllegalArgumentException.class, () -> ok.withQc(0, 5).check());
    DecoderConfig d14 = ReconstructionConfig.decoderForBits(14);
    assertEquals(DecoderConfig.defaults().shadowThreshold() * 16383 / 65535, d14.shadowThreshold(), 1e-12);
    assertEquals(DecoderConfig.defaults().minBitContrast(), d14.minBitContrast());
  }

  @Test
  void takesAreChecked() {
    SequenceDescription seq = Sequences.dpface(800, 600, SequenceConfig.defaults());
    CameraModel wrongSize = CameraModel.pinhole(1024, 768, 2000, 511.5, 383.5);
    assertThrows(IllegalArgumentException.class,
        () -> new TakeInput.Projector("p", wrongSize, RigidTransform.identity(), seq));
    assertThrows(IllegalArgumentException.class, () -> new TakeInput.Projector("p", null, RigidTransform.identity(), seq));
    TakeInput.Camera cam = new TakeInput.Camera("c", CAM, RigidTransform.identity());
    TakeInput.Projector p = new TakeInput.Projector("c", null, null, seq);
    assertThrows(IllegalArgumentException.class, () -> new TakeInput(List.of(cam), List.of(p), (c, q) -> List.of()));
    assertThrows(IllegalArgumentException.class, () -> new TakeInput(List.of(), List.of(p), (c, q) -> List.of()));
  }
}
