package org.dpface.cli.calibrate;

import static org.bytedeco.opencv.global.opencv_calib3d.SOLVEPNP_ITERATIVE;
import static org.bytedeco.opencv.global.opencv_calib3d.solvePnP;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_64FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_64FC3;

import java.nio.DoubleBuffer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.dpface.calibration.camera.Reprojection;
import org.dpface.calibration.camera.ViewResult;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.target.BoardSpec;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;

/**
 * A board's pose in front of an already calibrated camera from its detected corners:
 * {@code cv::solvePnP} (iterative Levenberg–Marquardt from a homography start) with the camera's
 * intrinsics and distortion held fixed.
 */
final class BoardPose {
  private BoardPose() {}

  /** The board pose and its residuals for one detection (full or partial). */
  static ViewResult solve(CameraModel camera, BoardSpec board, CornerDetection d) {
    double[] obj = d.objectPoints(board);
    double[] px = d.corners();
    int n = d.cornerCount();
    try (Mat o = new Mat(n, 1, CV_64FC3);
        Mat p = new Mat(n, 1, CV_64FC2);
        Mat k = new Mat(3, 3, CV_64F);
        Mat dist = new Mat(1, 8, CV_64F);
        Mat rvec = new Mat();
        Mat tvec = new Mat()) {
      ((DoubleBuffer) o.createBuffer()).put(obj);
      ((DoubleBuffer) p.createBuffer()).put(px);
      ((DoubleBuffer) k.createBuffer()).put(camera.intrinsicMatrix());
      ((DoubleBuffer) dist.createBuffer()).put(camera.distortion());
      if (!solvePnP(o, p, k, dist, rvec, tvec, false, SOLVEPNP_ITERATIVE)) {
        throw new IllegalArgumentException(d.source() + ": solvePnP found no board pose");
      }
      double[] r = new double[3];
      double[] t = new double[3];
      ((DoubleBuffer) rvec.createBuffer()).get(r);
      ((DoubleBuffer) tvec.createBuffer()).get(t);
      RigidTransform pose = RigidTransform.fromRodrigues(r, t);
      double[] e = Reprojection.errors(camera, pose, obj, px);
      return new ViewResult(d.source(), pose, Math.sqrt(e[0] / n), e[1], n, false);
    }
  }
}
