package org.dpface.reconstruction.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dpface.core.mesh.DistanceStats;
import org.dpface.core.mesh.MeshDistance;
import org.dpface.core.mesh.TriangleGrid;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.TriangulatedView;

/** Scores a {@link ReconstructionResult} of a {@link VirtualTake} against the take's ground truth. */
final class TakeScores {
  /** Search radius (mm) for mesh distances; farther counts as missing. */
  static final double SEARCH_MM = 10;
  /** A visible true vertex within this (mm) of the fused surface counts as reconstructed. */
  static final double COMPLETE_MM = 1.0;

  /**
   * Decoded projector coordinates against the truth.
   *
   * @param id camera-projector
   * @param errorPx Euclidean (u, v) error over pixels both decoded and truly lit
   * @param decoded decoded pixels
   * @param unlitDecoded decoded pixels the projector does not truly light (shadow or background guesses)
   * @param litPixels truly lit pixels
   */
  record Decode(String id, DistanceStats errorPx, int decoded, int unlitDecoded, int litPixels) {}

  /** Triangulated depth of one pair against the true depth: |dZ| (mm) over valid pixels seeing the head. */
  record Pair(String id, DistanceStats depthErrorMm, int valid, int offSurface) {}

  /**
   * The fused mesh against the true mesh.
   *
   * @param accuracy distances (mm) of fused vertices to the true surface
   * @param completeness fraction of visible true vertices within {@link #COMPLETE_MM} of the fused surface
   */
  record Fused(DistanceStats accuracy, double completeness, int visibleVertices) {}

  final List<Decode> decode = new ArrayList<>();
  final List<Pair> pairs = new ArrayList<>();
  final Fused fused;

  TakeScores(VirtualTake take, ReconstructionResult r) {
    int nc = r.take().cameras().size();
    int np = r.take().projectors().size();
    for (int c = 0; c < nc; c++) {
      for (int p = 0; p < np; p++) {
        decode.add(decode(r.take().cameras().get(c).id() + "-" + r.take().projectors().get(p).id(),
            r.decoded(c, p), take.trueUv[c][p]));
      }
    }
    for (ReconstructionResult.PairView pv : r.pairs()) {
      pairs.add(pair(pv.id(), pv.view(), take.trueDepth[pv.camera()]));
    }
    fused = fused(r.fused().mesh(), take.trueMesh(), take.visibleVertices);
  }

  static Decode decode(String id, DecodedMaps d, float[] uv) {
    int w = d.width();
    int n = w * d.height();
    float[] err = new float[n];
    boolean[] use = new boolean[n];
    int decoded = 0;
    int unlit = 0;
    int lit = 0;
    for (int i = 0; i < n; i++) {
      int x = i % w;
      int y = i / w;
      boolean isLit = !Float.isNaN(uv[2 * i]);
      lit += isLit ? 1 : 0;
      if (d.mask.data[d.mask.indexOf(x, y)] == 0) {
        continue;
      }
      decoded++;
      if (!isLit) {
        unlit++;
        continue;
      }
      float du = d.projU.data[d.projU.indexOf(x, y)] - uv[2 * i];
      float dv = d.projV.data[d.projV.indexOf(x, y)] - uv[2 * i + 1];
      err[i] = (float) Math.hypot(du, dv);
      use[i] = true;
    }
    return new Decode(id, DistanceStats.of(err, use), decoded, unlit, lit);
  }

  static Pair pair(String id, TriangulatedView v, float[] depth) {
    int w = v.width();
    int n = w * v.height();
    float[] err = new float[n];
    boolean[] use = new boolean[n];
    int valid = 0;
    int off = 0;
    for (int i = 0; i < n; i++) {
      int x = i % w;
      int y = i / w;
      if (v.mask.data[v.mask.indexOf(x, y)] == 0) {
        continue;
      }
      valid++;
      if (!(depth[i] > 0)) {
        off++;
        continue;
      }
      err[i] = Math.abs(v.depth.data[v.depth.indexOf(x, y)] - depth[i]);
      use[i] = true;
    }
    return new Pair(id, DistanceStats.of(err, use), valid, off);
  }

  static Fused fused(TriangleMesh fused, TriangleMesh truth, boolean[] visible) {
    float[] acc = new float[fused.vertexCount()];
    MeshDistance.pointsToSurface(fused.positions, new TriangleGrid(truth), SEARCH_MM, acc);
    int nVisible = 0;
    for (boolean b : visible) {
      nVisible += b ? 1 : 0;
    }
    if (fused.faceCount() == 0) {
      return new Fused(DistanceStats.of(acc, null), 0, nVisible);
    }
    float[] back = new float[truth.vertexCount()];
    MeshDistance.pointsToSurface(truth.positions, new TriangleGrid(fused), SEARCH_MM, back);
    int near = 0;
    for (int i = 0; i < back.length; i++) {
      near += visible[i] && back[i] <= COMPLETE_MM ? 1 : 0;
    }
    return new Fused(DistanceStats.of(acc, null), near / (double) Math.max(1, nVisible), nVisible);
  }

  /** Median over the pairs of a per-pair value (for bounds that hold across the take). */
  static double worst(List<Double> v) {
    double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length == 0 ? Double.NaN : a[a.length - 1];
  }
}
