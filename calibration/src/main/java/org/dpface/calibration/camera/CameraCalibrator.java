package org.dpface.calibration.camera;

import static org.bytedeco.opencv.global.opencv_calib3d.CALIB_FIX_ASPECT_RATIO;
import static org.bytedeco.opencv.global.opencv_calib3d.calibrateCameraExtended;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;

import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Point2fVector;
import org.bytedeco.opencv.opencv_core.Point2fVectorVector;
import org.bytedeco.opencv.opencv_core.Point3f;
import org.bytedeco.opencv.opencv_core.Point3fVector;
import org.bytedeco.opencv.opencv_core.Point3fVectorVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.TermCriteria;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.target.BoardSpec;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single-camera intrinsic calibration from planar board views.
 *
 * <p>Algorithm overview ({@code cv::calibrateCamera}, after Zhang, "A Flexible New Technique for Camera
 * Calibration", IEEE TPAMI 22(11), 2000, with Bouguet's Camera Calibration Toolbox initialisation):
 *
 * <ol>
 *   <li>per view, a homography from the board plane to the image; closed-form initial intrinsics from the
 *       homographies (principal point initialised at the image centre);
 *   <li>per view, an initial board pose from the homography;
 *   <li>Levenberg–Marquardt over intrinsics, the distortion terms of the chosen {@link DistortionModel}
 *       and all board poses, minimising the summed squared reprojection error.
 * </ol>
 *
 * <p>The residuals are then recomputed independently through {@link CameraModel#project} (so a
 * convention mismatch between OpenCV and dpface would show as a large RMS), views are flagged as outliers
 * when their RMS exceeds max({@code outlierFactor} × median, {@code outlierFloorPx}). Outliers are
 * flagged, not removed: the caller decides whether to recalibrate without them.
 *
 * <p>Units: board points in mm, so board poses come out in mm; pixels with integer coordinates at pixel
 * centres (OpenCV's convention too). Deterministic: same detections give the same result.
 */
public final class CameraCalibrator {
  private static final Logger LOG = LoggerFactory.getLogger(CameraCalibrator.class);
  /** Levenberg–Marquardt stop: relative parameter change below this. */
  private static final double CONVERGENCE_EPS = 1e-10;
  /** Levenberg–Marquardt iteration cap. */
  private static final int MAX_ITERATIONS = 100;
  /** Fewest corners a partial (ChArUco) view must hold; a homography needs 4, margin against noise. */
  public static final int MIN_PARTIAL_CORNERS = 6;

  private final CalibrationConfig config;

  public CameraCalibrator(CalibrationConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public CalibrationConfig config() {
    return config;
  }

  /**
   * Calibrates one camera from detections of {@code board}. Failed detections are listed as skipped.
   *
   * <p>A full detection uses every board point; a partial one ({@link CornerDetection#isPartial()},
   * ChArUco) the points its ids name, so views may hold different subsets of the board.
   *
   * @throws IllegalArgumentException when fewer than {@code minViews} views have a board, a full view has
   *     the wrong number of corners, a partial view fewer than {@value #MIN_PARTIAL_CORNERS} or an id
   *     outside the board, or the views differ in image size
   */
  @SuppressWarnings("try") // the PointerScope frees every native object created inside it
  public CameraCalibration calibrate(BoardSpec board, List<CornerDetection> detections) {
    List<CornerDetection> used = new ArrayList<>();
    List<SkippedInput> skipped = new ArrayList<>();
    for (CornerDetection d : detections) {
      if (!d.isFound()) {
        skipped.add(new SkippedInput(d.source(), d.failure()));
        continue;
      }
      if (!d.isPartial() && d.cornerCount() != board.pointCount()) {
        throw new IllegalArgumentException(d.source() + ": " + d.cornerCount() + " corners, board "
            + board.toSpecString() + " has " + board.pointCount());
      }
      if (d.isPartial() && d.cornerCount() < MIN_PARTIAL_CORNERS) {
        throw new IllegalArgumentException(d.source() + ": " + d.cornerCount() + " corners; a partial view needs at least "
            + MIN_PARTIAL_CORNERS);
      }
      if (!used.isEmpty() && (d.width() != used.get(0).width() || d.height() != used.get(0).height())) {
        throw new IllegalArgumentException(d.source() + ": image " + d.width() + "x" + d.height()
            + " differs from " + used.get(0).width() + "x" + used.get(0).height());
      }
      used.add(d);
    }
    if (used.size() < config.minViews()) {
      throw new IllegalArgumentException("only " + used.size() + " views with a detected board; need at least "
          + config.minViews() + " (skipped: " + skipped.size() + ")");
    }
    int width = used.get(0).width();
    int height = used.get(0).height();
    int nViews = used.size();
    int terms = config.distortion().terms();
    double[][] object = new double[nViews][];
    for (int v = 0; v < nViews; v++) {
      object[v] = used.get(v).objectPoints(board);
    }

    CameraModel model;
    double openCvRms;
    double[] std = new double[4 + terms];
    List<RigidTransform> poses = new ArrayList<>(nViews);
    try (PointerScope scope = new PointerScope()) {
      Point3fVectorVector objectVv = new Point3fVectorVector(nViews);
      Point2fVectorVector imageVv = new Point2fVectorVector(nViews);
      for (int v = 0; v < nViews; v++) {
        double[] c = used.get(v).corners();
        double[] o = object[v];
        Point3f[] op = new Point3f[c.length / 2];
        Point2f[] ip = new Point2f[c.length / 2];
        for (int i = 0; i < op.length; i++) {
          op[i] = new Point3f((float) o[3 * i], (float) o[3 * i + 1], (float) o[3 * i + 2]);
          ip[i] = new Point2f((float) c[2 * i], (float) c[2 * i + 1]);
        }
        objectVv.put(v, new Point3fVector(op));
        imageVv.put(v, new Point2fVector(ip));
      }
      Mat k = Mat.eye(3, 3, CV_64F).asMat();
      Mat dist = new Mat();
      MatVector rvecs = new MatVector();
      MatVector tvecs = new MatVector();
      Mat stdIntr = new Mat();
      Mat stdExtr = new Mat();
      Mat perView = new Mat();
      int flags = config.distortion().openCvFlags() | (config.fixAspectRatio() ? CALIB_FIX_ASPECT_RATIO : 0);
      TermCriteria crit = new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, MAX_ITERATIONS, CONVERGENCE_EPS);
      openCvRms = calibrateCameraExtended(objectVv, imageVv, new Size(width, height), k, dist, rvecs, tvecs,
          stdIntr, stdExtr, perView, flags, crit);
      double[] kk = readDoubles(k, 9);
      double[] dd = readDoubles(dist, Math.min(8, (int) dist.total()));
      double[] coeffs = Arrays.copyOf(dd, terms < 5 ? 5 : terms);
      // the fixed terms keep their zero initial value; make it exact
      Arrays.fill(coeffs, Math.min(terms, coeffs.length), coeffs.length, 0);
      model = new CameraModel(width, height, kk[0], kk[4], kk[2], kk[5], coeffs);
      double[] s = readDoubles(stdIntr, Math.min((int) stdIntr.total(), 4 + Math.max(terms, 5)));
      System.arraycopy(s, 0, std, 0, Math.min(s.length, std.length));
      for (int v = 0; v < nViews; v++) {
        poses.add(RigidTransform.fromRodrigues(readDoubles(rvecs.get(v), 3), readDoubles(tvecs.get(v), 3)));
      }
    }

    double[] rms = new double[nViews];
    double[] maxErr = new double[nViews];
    double total = 0;
    long points = 0;
    for (int v = 0; v < nViews; v++) {
      int n = used.get(v).cornerCount();
      double[] e = Reprojection.errors(model, poses.get(v), object[v], used.get(v).corners());
      total += e[0];
      points += n;
      rms[v] = Math.sqrt(e[0] / n);
      maxErr[v] = e[1];
    }
    double overall = Math.sqrt(total / points);
    double threshold = config.outlierThresholdPx(rms);
    List<ViewResult> views = new ArrayList<>(nViews);
    for (int v = 0; v < nViews; v++) {
      views.add(new ViewResult(used.get(v).source(), poses.get(v), rms[v], maxErr[v], used.get(v).cornerCount(),
          rms[v] > threshold));
    }
    LOG.debug("calibrated {}x{} from {} views: rms {} px (OpenCV {}), {} outliers, {} skipped",
        width, height, nViews, overall, openCvRms, views.stream().filter(ViewResult::outlier).count(),
        skipped.size());
    return new CameraCalibration(model, config.distortion(), overall, std, views, skipped);
  }

  private static double[] readDoubles(Mat m, int n) {
    if (m.depth() != CV_64F || m.total() * m.channels() < n) {
      throw new IllegalStateException("expected at least " + n + " doubles, got Mat type " + m.type()
          + " with " + m.total() + " elements");
    }
    DoubleBuffer b = m.isContinuous() ? m.createBuffer() : null;
    if (b == null) {
      throw new IllegalStateException("non-continuous OpenCV result matrix");
    }
    double[] out = new double[n];
    b.get(out, 0, n);
    return out;
  }
}
