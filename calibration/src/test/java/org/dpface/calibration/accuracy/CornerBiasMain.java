package org.dpface.calibration.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.takes.TakeCalibration;
import org.dpface.calibration.takes.TakeInputs;
import org.dpface.core.geom.RigidTransform;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.RigFiles;
import org.dpface.rigs.virtual.targets.BoardSpec;
import org.dpface.rigs.virtual.targets.BoardTarget;
import org.dpface.rigs.virtual.targets.ChessboardPattern;

/**
 * Systematic corner error of the stored calibration takes' detections against the virtual rig's truth (not a
 * test): per view the mean offset and the scale of the detected corners about their centroid relative to the
 * true ones (a scale below 1 = corners pulled toward the board centre, which biases focal length and depth).
 *
 * <p>Arguments: SESSION_DIR RIG_JSON TRUTH_JSON OUT_DIR.
 */
public final class CornerBiasMain {
  private CornerBiasMain() {}

  public static void main(String[] a) throws Exception {
    RigDescription rig = RigFiles.read(Path.of(a[1]));
    TakeInputs in = TakeInputs.load(Path.of(a[0]), rig);
    JsonNode truth = new ObjectMapper().readTree(Files.readString(Path.of(a[2])));
    Map<String, RigidTransform> poses = new HashMap<>();
    for (JsonNode t : truth.get("takes")) {
      double[] m = new double[16];
      for (int i = 0; i < 16; i++) {
        m[i] = t.get("boardToWorld").get(i).asDouble();
      }
      poses.put(t.get("label").asText(), RigidTransform.of(new double[] {m[0], m[1], m[2], m[4], m[5], m[6], m[8],
          m[9], m[10]}, new double[] {m[3], m[7], m[11]}));
    }
    List<List<CornerDetection>> dets = new TakeCalibration(in, Path.of(a[3]),
        new TakeCalibration.Options(2, 14, s -> {})).cameras().detections();
    var spec = in.board();
    BoardTarget target = new BoardTarget(new ChessboardPattern(
        BoardSpec.chessboard(spec.columns(), spec.rows(), spec.squareMm()), 0.05, 0.85));
    int n = spec.pointCount();
    double sumScale = 0;
    double sumSq = 0;
    int views = 0;
    for (int p = 0; p < dets.size(); p++) {
      RigidTransform b2w = poses.get(in.boards().get(p).target().label());
      for (int c = 0; c < rig.cameras().size(); c++) {
        CornerDetection d = dets.get(p).get(c);
        if (!d.isFound()) {
          continue;
        }
        CameraSpec cs = rig.cameras().get(c);
        double[] t = new double[2 * n];
        target.projectCorners(cs.nominalModel(), cs.worldToCamera(), b2w, t, new boolean[n]);
        double[] g = d.corners();
        double gx = 0;
        double gy = 0;
        double tx = 0;
        double ty = 0;
        for (int i = 0; i < n; i++) {
          gx += g[2 * i];
          gy += g[2 * i + 1];
          tx += t[2 * i];
          ty += t[2 * i + 1];
        }
        gx /= n;
        gy /= n;
        tx /= n;
        ty /= n;
        double num = 0;
        double den = 0;
        double rms = 0;
        for (int i = 0; i < n; i++) {
          double ax = t[2 * i] - tx;
          double ay = t[2 * i + 1] - ty;
          num += ax * (g[2 * i] - gx) + ay * (g[2 * i + 1] - gy);
          den += ax * ax + ay * ay;
          rms += Math.pow(g[2 * i] - t[2 * i], 2) + Math.pow(g[2 * i + 1] - t[2 * i + 1], 2);
        }
        double scale = num / den;
        for (int i = 0; i < n; i++) {
          double e = Math.hypot(g[2 * i] - t[2 * i], g[2 * i + 1] - t[2 * i + 1]);
          if (e > 0.15) {
            System.out.printf(Locale.ROOT, "  %s corner %d (col %d row %d) off by %.3f px%n", d.source(), i,
                i % spec.columns(), i / spec.columns(), e);
          }
        }
        sumScale += scale - 1;
        sumSq += Math.pow(scale - 1, 2);
        views++;
        System.out.printf(Locale.ROOT, "%s %s: offset (%+.4f, %+.4f) px, scale %+.1f ppm, RMS %.4f px, extent %.0f px%n",
            d.source(), cs.id(), gx - tx, gy - ty, 1e6 * (scale - 1), Math.sqrt(rms / n), Math.sqrt(den / n));
      }
    }
    System.out.printf(Locale.ROOT, "%d views: mean scale %+.1f ppm, RMS %.1f ppm%n", views, 1e6 * sumScale / views,
        1e6 * Math.sqrt(sumSq / views));
  }
}
