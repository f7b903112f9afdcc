package org.dpface.cli.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.InterleavedF32;
import org.dpface.core.io.Pictures;
import org.dpface.core.mesh.Meshes;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.core.raster.RasterConfig;
import org.dpface.core.raster.Rasterizer;
import org.dpface.core.raster.RenderTarget;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.RigFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a head-sized ellipsoid at the rig's subject position into every camera with the core
 * rasterizer and scores depth and normals against the analytic ray–ellipsoid truth. Until the virtual
 * rig's synthetic heads land (issue 3) this is the truth-scored render the later stages build on.
 */
final class RenderTruthStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(RenderTruthStage.class);
  /** Head-sized semi-axes (mm): width, height, depth. */
  static final double[] SEMI_AXES = {75, 105, 90};
  /** Colour range of the depth-error pictures (mm). */
  private static final float ERROR_RANGE_MM = 0.02f;

  @Override
  public String id() {
    return "render";
  }

  @Override
  public String title() {
    return "Render a head-sized ellipsoid into every camera, score against the analytic truth";
  }

  /** Not the number of subjects: a demo rerun with other --subjects reuses this stage. */
  @Override
  public String inputs(DemoConfig config) {
    return config.rigFingerprint();
  }

  @Override
  public StageResult run(DemoContext ctx) throws Exception {
    RigDescription rig = RigFiles.read(ctx.lab().resolve(RigStage.RIG_FILE));
    double[] centre = rig.nominalGeometry().subjectCentreMm().toArray();
    int subdivisions = ctx.config().quick() ? 5 : 6;
    TriangleMesh mesh = Meshes.ellipsoid(subdivisions, SEMI_AXES[0], SEMI_AXES[1], SEMI_AXES[2], centre[0], centre[1], centre[2]);
    EllipsoidTruth truth = new EllipsoidTruth(centre, SEMI_AXES);
    Rasterizer rasterizer = new Rasterizer(RasterConfig.defaults().withNormals(RasterConfig.NormalMode.VERTEX_INTERPOLATED));

    List<String> pictures = new ArrayList<>();
    FloatList depthErr = new FloatList();
    FloatList normalErr = new FloatList();
    long renderedPx = 0;
    long truthPx = 0;
    long bothPx = 0;
    double renderSeconds = 0;
    for (CameraSpec cam : rig.cameras()) {
      CameraModel model = cam.nominalModel();
      RigidTransform worldToCamera = cam.worldToCamera();
      long t0 = System.nanoTime();
      RenderTarget r = rasterizer.render(mesh, model, worldToCamera);
      renderSeconds += (System.nanoTime() - t0) / 1e9;
      int w = model.width();
      int h = model.height();
      GrayF32 trueDepth = new GrayF32(w, h);
      InterleavedF32 trueNormal = new InterleavedF32(w, h, 3);
      truth.render(model, worldToCamera, trueDepth.data, trueNormal.data);
      GrayF32 error = new GrayF32(w, h);
      for (int v = 0; v < h; v++) {
        for (int u = 0; u < w; u++) {
          int ri = r.depth.indexOf(u, v);
          int ti = v * w + u;
          boolean rendered = r.depth.data[ri] > 0;
          boolean hit = trueDepth.data[ti] > 0;
          renderedPx += rendered ? 1 : 0;
          truthPx += hit ? 1 : 0;
          if (!(rendered && hit)) {
            error.data[ti] = Float.NaN;
            continue;
          }
          bothPx++;
          float e = r.depth.data[ri] - trueDepth.data[ti];
          error.data[ti] = e;
          depthErr.add(Math.abs(e));
          int ni = r.normal.indexOf(u, v);
          double dot = (double) r.normal.data[ni] * trueNormal.data[3 * ti] + (double) r.normal.data[ni + 1] * trueNormal.data[3 * ti + 1]
              + (double) r.normal.data[ni + 2] * trueNormal.data[3 * ti + 2];
          normalErr.add((float) Math.toDegrees(Math.acos(Math.min(1, dot))));
        }
      }
      String pic = "render/" + cam.id() + ".png";
      Pictures.writePng(ctx.file(pic), Pictures.sideBySide(
          Pictures.depth(r.depth), Pictures.normals(r.normal, null), Pictures.signedError(error, null, ERROR_RANGE_MM, null)));
      pictures.add(pic);
      LOG.info("render: {} {}x{} rendered", cam.id(), w, h);
    }
    double[] dq = depthErr.percentiles(0.5, 0.95, 1.0);
    double[] nq = normalErr.percentiles(0.5, 0.95);
    double iou = (double) bothPx / (renderedPx + truthPx - bothPx);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mesh triangles", mesh.faceCount());
    m.put("cameras", rig.cameras().size());
    m.put("render Mpixel/s (all cameras)", renderedPxRate(rig, renderSeconds));
    m.put("depth error median (mm)", dq[0]);
    m.put("depth error p95 (mm)", dq[1]);
    m.put("depth error max (mm)", dq[2]);
    m.put("normal error median (deg)", nq[0]);
    m.put("normal error p95 (deg)", nq[1]);
    m.put("silhouette IoU", iou);
    String summary = String.format(Locale.ROOT, "depth error median %.4f mm, p95 %.4f mm; normals median %.4f deg; IoU %.4f",
        dq[0], dq[1], nq[0], iou);
    m.put("pictures", "depth | normals | signed depth error (±" + ERROR_RANGE_MM + " mm)");
    return StageResult.done(this, summary, m, pictures);
  }

  private static double renderedPxRate(RigDescription rig, double seconds) {
    double px = 0;
    for (CameraSpec c : rig.cameras()) {
      px += (double) c.resolution().width() * c.resolution().height();
    }
    return px / 1e6 / Math.max(seconds, 1e-9);
  }

  /** Growable float list with percentiles (sorts a copy). */
  static final class FloatList {
    private float[] a = new float[1024];
    private int n;

    void add(float v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    /** Nearest-rank percentiles for each q in [0, 1] (one sort of a copy); NaN when empty. */
    double[] percentiles(double... qs) {
      double[] out = new double[qs.length];
      float[] s = Arrays.copyOf(a, n);
      Arrays.sort(s);
      for (int i = 0; i < qs.length; i++) {
        int k = (int) Math.ceil(qs[i] * n) - 1;
        out[i] = n == 0 ? Double.NaN : s[Math.max(0, Math.min(n - 1, k))];
      }
      return out;
    }
  }
}
