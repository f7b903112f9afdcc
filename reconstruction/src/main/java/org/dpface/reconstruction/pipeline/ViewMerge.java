package org.dpface.reconstruction.pipeline;

import java.util.List;
import org.dpface.reconstruction.struct.TriangulatedView;
import org.dpface.reconstruction.struct.TriangulationRejection;

/**
 * Merges the triangulated views of one camera (one per projector, or per camera pair) into one view of
 * that camera. Per pixel:
 *
 * <ol>
 *   <li>no view valid: invalid, with the rejection reason of the first view;
 *   <li>else the most confident view (lowest list index on ties) sets the reference depth; the views whose
 *       depth lies within the tolerance of it are averaged, weighted by confidence (depth and world point;
 *       with camera-ray triangulation all of them lie on the pixel's ray, so the average does too); views
 *       outside the tolerance are outvoted at that pixel, not blended;
 *   <li>the confidence is the best view's, the ray distance the best view's.
 * </ol>
 *
 * The inputs must all belong to the same camera (model and size). Deterministic: list order only breaks
 * ties.
 */
public final class ViewMerge {
  private ViewMerge() {}

  /** Merges {@code views} (same camera, at least one) into {@code out} (reset to that camera). */
  public static void merge(List<TriangulatedView> views, double toleranceMm, TriangulatedView out) {
    if (views.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    TriangulatedView first = views.get(0);
    for (TriangulatedView v : views) {
      if (!v.camera().equals(first.camera())) {
        throw new IllegalArgumentException("views of different cameras cannot be merged");
      }
    }
    out.reset(first.camera(), first.worldToCamera());
    int w = first.width();
    int h = first.height();
    int n = views.size();
    byte none = TriangulationRejection.NONE.code();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int best = -1;
        float bestConf = -1;
        for (int k = 0; k < n; k++) {
          TriangulatedView v = views.get(k);
          if (v.mask.data[v.mask.indexOf(x, y)] != 0) {
            float c = v.confidence.data[v.confidence.indexOf(x, y)];
            if (c > bestConf) {
              bestConf = c;
              best = k;
            }
          }
        }
        int ip = out.points.indexOf(x, y);
        int i = out.depth.indexOf(x, y);
        if (best < 0) {
          out.points.data[ip] = Float.NaN;
          out.points.data[ip + 1] = Float.NaN;
          out.points.data[ip + 2] = Float.NaN;
          out.depth.data[i] = 0;
          out.confidence.data[i] = 0;
          out.mask.data[i] = 0;
          out.reason.data[i] = first.reason.data[first.reason.indexOf(x, y)];
          out.rayDistance.data[i] = Float.NaN;
          continue;
        }
        TriangulatedView b = views.get(best);
        float zBest = b.depth.data[b.depth.indexOf(x, y)];
        double sw = 0;
        double sz = 0;
        double sx = 0;
        double sy = 0;
        double sp = 0;
        for (int k = 0; k < n; k++) {
          TriangulatedView v = views.get(k);
          if (v.mask.data[v.mask.indexOf(x, y)] == 0) {
            continue;
          }
          float z = v.depth.data[v.depth.indexOf(x, y)];
          if (Math.abs(z - zBest) > toleranceMm) {
            continue;
          }
          // a view with confidence 0 but valid still counts a little, so the weights never sum to 0
          double wk = Math.max(v.confidence.data[v.confidence.indexOf(x, y)], 1e-6f);
          int q = v.points.indexOf(x, y);
          sw += wk;
          sz += wk * z;
          sx += wk * v.points.data[q];
          sy += wk * v.points.data[q + 1];
          sp += wk * v.points.data[q + 2];
        }
        out.points.data[ip] = (float) (sx / sw);
        out.points.data[ip + 1] = (float) (sy / sw);
        out.points.data[ip + 2] = (float) (sp / sw);
        out.depth.data[i] = (float) (sz / sw);
        out.confidence.data[i] = bestConf;
        out.mask.data[i] = 1;
        out.reason.data[i] = none;
        out.rayDistance.data[i] = b.rayDistance.data[b.rayDistance.indexOf(x, y)];
      }
    }
  }
}
