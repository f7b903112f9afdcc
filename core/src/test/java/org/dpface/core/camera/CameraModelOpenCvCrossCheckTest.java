package org.dpface.core.camera;

import static org.bytedeco.opencv.global.opencv_core.CV_64FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_64FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_64FC3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.TermCriteria;
import org.dpface.core.geom.RigidTransform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks {@link CameraModel} against OpenCV's reference implementation of the same distortion
 * model: {@code cv::projectPoints} for the forward map and {@code cv::undistortPointsIter} (fixed-point
 * iteration, 100 iterations, eps 1e-15) for the inverse. Six seeded cameras (three 5-coefficient, three
 * 8-coefficient rational) with 1000 points each, all inside the image and inside the monotonic region
 * of the distortion.
 *
 * <p>Required check: if the OpenCV natives cannot be loaded the test fails, it is never skipped.
 *
 * <p>Measured (x86-64, OpenCV 4.13.0 via bytedeco 1.5.13, these seeds): max |project - projectPoints|
 * = 9.7e-13 px; max ray angle between unproject and undistortPointsIter = 2.0e-16 rad.
 */
class CameraModelOpenCvCrossCheckTest {
  /** Agreement of {@code project} with cv::projectPoints, pixels. */
  static final double PROJECT_TOL_PX = 1e-6;
  /** Agreement of {@code unproject} with cv::undistortPointsIter, radians between the rays. */
  static final double UNPROJECT_TOL_RAD = 1e-9;

  private static final long SEED = 0x5EED_CA11L;
  private static final int CAMERAS = 6;
  private static final int POINTS_PER_CAMERA = 1000;

  /** A camera, its pose and points seen inside its image. */
  private record Scene(
      CameraModel camera,
      double[] rvec,
      double[] tvec,
      double[] world,
      double[] normalized,
      double[] pixels) {
    int size() {
      return normalized.length / 2;
    }
  }

  @BeforeAll
  static void loadOpenCv() {
    try {
      Loader.load(opencv_calib3d.class);
    } catch (Throwable t) {
      throw new AssertionError(
          "OpenCV natives (org.bytedeco:opencv, linux-x86_64) failed to load; this cross-check is required", t);
    }
  }

  @Test
  void projectAgreesWithCvProjectPoints() {
    double maxErr = 0;
    for (int c = 0; c < CAMERAS; c++) {
      Scene s = scene(c);
      double[] cv = cvProjectPoints(s);
      RigidTransform worldToCamera = RigidTransform.fromRodrigues(s.rvec, s.tvec);
      double[] p = new double[3];
      double[] uv = new double[2];
      for (int i = 0; i < s.size(); i++) {
        worldToCamera.transformPoint(s.world[3 * i], s.world[3 * i + 1], s.world[3 * i + 2], p, 0);
        assertTrue(s.camera.project(p[0], p[1], p[2], uv, 0));
        maxErr = Math.max(maxErr, Math.hypot(uv[0] - cv[2 * i], uv[1] - cv[2 * i + 1]));
      }
    }
    assertTrue(maxErr <= PROJECT_TOL_PX, "max |project - cv::projectPoints| = " + maxErr + " px");
  }

  @Test
  void unprojectAgreesWithCvUndistortPointsIter() {
    double maxErr = 0;
    for (int c = 0; c < CAMERAS; c++) {
      Scene s = scene(c);
      double[] cv = cvUndistortPointsIter(s);
      double[] xy = new double[2];
      for (int i = 0; i < s.size(); i++) {
        assertTrue(s.camera.unproject(s.pixels[2 * i], s.pixels[2 * i + 1], xy, 0), "converged");
        maxErr = Math.max(maxErr, rayAngle(xy[0], xy[1], cv[2 * i], cv[2 * i + 1]));
      }
    }
    assertTrue(maxErr <= UNPROJECT_TOL_RAD, "max ray angle unproject vs cv::undistortPointsIter = " + maxErr + " rad");
  }

  /** Angle (rad) between rays (x1, y1, 1) and (x2, y2, 1), accurate for tiny angles. */
  static double rayAngle(double x1, double y1, double x2, double y2) {
    double cx = y1 - y2;
    double cy = x2 - x1;
    double cz = x1 * y2 - y1 * x2;
    double dot = x1 * x2 + y1 * y2 + 1;
    return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), dot);
  }

  /**
   * Camera {@code index} (odd: rational 8-coefficient), a random pose with rotation angle up to pi, and
   * points drawn as undistorted normalized coordinates at depths 300..3000 mm, kept when their
   * projection lies inside the image.
   */
  private static Scene scene(int index) {
    SplittableRandom rnd = new SplittableRandom(SEED + index);
    RandomCameras.Sample sample = RandomCameras.create(rnd, index % 2 == 1);
    CameraModel cam = sample.camera();
    double[] axis = randomUnitVector(rnd);
    double angle = rnd.nextDouble(0, Math.PI);
    double[] rvec = {axis[0] * angle, axis[1] * angle, axis[2] * angle};
    double[] tvec = {rnd.nextDouble(-300, 300), rnd.nextDouble(-300, 300), rnd.nextDouble(-300, 300)};
    RigidTransform cameraToWorld = RigidTransform.fromRodrigues(rvec, tvec).invert();
    int n = POINTS_PER_CAMERA;
    double[] world = new double[3 * n];
    double[] normalized = new double[2 * n];
    double[] pixels = new double[2 * n];
    double rMax = sample.maxUndistortedRadius();
    int kept = 0;
    for (int attempt = 0; kept < n; attempt++) {
      if (attempt > 100 * n) {
        throw new IllegalStateException("too few points inside the image");
      }
      double x = rnd.nextDouble(-rMax, rMax);
      double y = rnd.nextDouble(-rMax, rMax);
      if (x * x + y * y > rMax * rMax) {
        continue;
      }
      double z = rnd.nextDouble(300, 3000);
      cam.project(x * z, y * z, z, pixels, 2 * kept);
      if (!cam.isInside(pixels[2 * kept], pixels[2 * kept + 1])) {
        continue;
      }
      normalized[2 * kept] = x;
      normalized[2 * kept + 1] = y;
      cameraToWorld.transformPoint(x * z, y * z, z, world, 3 * kept);
      kept++;
    }
    return new Scene(cam, rvec, tvec, world, normalized, pixels);
  }

  static double[] randomUnitVector(SplittableRandom rnd) {
    double z = rnd.nextDouble(-1, 1);
    double phi = rnd.nextDouble(0, 2 * Math.PI);
    double s = Math.sqrt(1 - z * z);
    return new double[] {s * Math.cos(phi), s * Math.sin(phi), z};
  }

  /** OpenCV coefficient vector: 5 values unless k4..k6 are used. */
  private static double[] cvDistortion(CameraModel cam) {
    double[] d = cam.distortion();
    boolean rational = d[5] != 0 || d[6] != 0 || d[7] != 0;
    return rational ? d : Arrays.copyOf(d, 5);
  }

  @SuppressWarnings("try") // the scope releases every Pointer created inside it
  private static double[] cvProjectPoints(Scene s) {
    int n = s.size();
    try (PointerScope scope = new PointerScope()) {
      Mat object = new Mat(n, 1, CV_64FC3, new DoublePointer(s.world));
      Mat rvec = new Mat(3, 1, CV_64FC1, new DoublePointer(s.rvec));
      Mat tvec = new Mat(3, 1, CV_64FC1, new DoublePointer(s.tvec));
      Mat k = new Mat(3, 3, CV_64FC1, new DoublePointer(s.camera.intrinsicMatrix()));
      double[] dist = cvDistortion(s.camera);
      Mat d = new Mat(1, dist.length, CV_64FC1, new DoublePointer(dist));
      Mat image = new Mat();
      opencv_calib3d.projectPoints(object, rvec, tvec, k, d, image);
      return readPoints2(image, n);
    }
  }

  @SuppressWarnings("try") // the scope releases every Pointer created inside it
  private static double[] cvUndistortPointsIter(Scene s) {
    int n = s.size();
    try (PointerScope scope = new PointerScope()) {
      Mat src = new Mat(n, 1, CV_64FC2, new DoublePointer(s.pixels));
      Mat k = new Mat(3, 3, CV_64FC1, new DoublePointer(s.camera.intrinsicMatrix()));
      double[] dist = cvDistortion(s.camera);
      Mat d = new Mat(1, dist.length, CV_64FC1, new DoublePointer(dist));
      Mat dst = new Mat();
      TermCriteria criteria = new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 100, 1e-15);
      opencv_calib3d.undistortPointsIter(src, dst, k, d, new Mat(), new Mat(), criteria);
      return readPoints2(dst, n);
    }
  }

  /** Copies an OpenCV n x 1 two-channel double Mat into a Java array (x0, y0, x1, y1, ...). */
  private static double[] readPoints2(Mat m, int n) {
    assertEquals(CV_64FC2, m.type(), "OpenCV output type");
    assertEquals(n, m.total(), "OpenCV output size");
    assertTrue(m.isContinuous(), "OpenCV output continuous");
    double[] out = new double[2 * n];
    new DoublePointer(m.data()).get(out);
    return out;
  }
}
