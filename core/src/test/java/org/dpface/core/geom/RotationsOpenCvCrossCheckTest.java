package org.dpface.core.geom;

import static org.bytedeco.opencv.global.opencv_core.CV_64FC1;
import static org.dpface.core.geom.RotationsTest.axis;
import static org.dpface.core.geom.RotationsTest.scale;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.global.opencv_calib3d;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks {@link RigidTransform#fromRodrigues} and {@link Rotations#matrixToRodrigues} against
 * {@code cv::Rodrigues} on 2000 seeded rotation vectors (uniform axes, angles 0..pi, plus angles at
 * 0, 1e-9 and pi - 1e-7). A required check: fails if the OpenCV natives do not load.
 *
 * <p>Measured (x86-64, OpenCV 4.13.0 via bytedeco 1.5.13, these seeds): max element difference of the
 * matrices 1.0e-15; max difference of the rotation vectors (angles 1e-3..pi - 1e-3) 2.7e-13 rad, all
 * of it OpenCV's: against the generating vectors ours is off by 6.7e-16, OpenCV's by 2.7e-13 (it takes
 * the axis from the skew part, ill-conditioned as the angle nears pi).
 */
class RotationsOpenCvCrossCheckTest {
  /** Element-wise agreement of rotation matrices. */
  static final double MATRIX_TOL = 1e-14;
  /** Agreement of rotation vectors, radians (OpenCV re-orthonormalises by SVD first). */
  static final double RVEC_TOL = 1e-12;

  private static final int COUNT = 2000;

  @BeforeAll
  static void loadOpenCv() {
    try {
      Loader.load(opencv_calib3d.class);
    } catch (Throwable t) {
      throw new AssertionError(
          "OpenCV natives (org.bytedeco:opencv, linux-x86_64) failed to load; this cross-check is required", t);
    }
  }

  private static double[][] rotationVectors() {
    SplittableRandom rnd = new SplittableRandom(4242);
    double[][] out = new double[COUNT][];
    double[] special = {0, 1e-9, Math.PI - 1e-7};
    for (int i = 0; i < COUNT; i++) {
      double theta = i < special.length ? special[i] : rnd.nextDouble(0, Math.PI);
      out[i] = scale(axis(rnd.nextDouble(-1, 1), rnd.nextDouble(0, 2 * Math.PI)), theta);
    }
    return out;
  }

  @Test
  void fromRodriguesMatchesCvRodrigues() {
    double maxErr = 0;
    for (double[] rv : rotationVectors()) {
      double[] ours = RigidTransform.fromRodrigues(rv, new double[3]).rotation();
      double[] cv = cvRodrigues(rv, 3, 3);
      for (int k = 0; k < 9; k++) {
        maxErr = Math.max(maxErr, Math.abs(ours[k] - cv[k]));
      }
    }
    assertTrue(maxErr <= MATRIX_TOL, "max |R - cv::Rodrigues(rvec)| = " + maxErr);
  }

  @Test
  void matrixToRodriguesMatchesCvRodrigues() {
    double maxErr = 0;
    for (double[] rv : rotationVectors()) {
      double theta = Math.sqrt(rv[0] * rv[0] + rv[1] * rv[1] + rv[2] * rv[2]);
      if (theta < 1e-3 || theta > Math.PI - 1e-3) {
        continue; // OpenCV switches to cruder approximations there; RotationsTest covers those ends
      }
      double[] r = Rotations.rodriguesToMatrix(rv);
      double[] ours = Rotations.matrixToRodrigues(r);
      double[] cv = cvRodrigues(r, 3, 1);
      for (int k = 0; k < 3; k++) {
        maxErr = Math.max(maxErr, Math.abs(ours[k] - cv[k]));
      }
    }
    assertTrue(maxErr <= RVEC_TOL, "max |rvec - cv::Rodrigues(R)| = " + maxErr);
  }

  /** cv::Rodrigues in either direction; {@code in} is 3x1 or row-major 3x3, the result outRows x outCols. */
  @SuppressWarnings("try") // the scope releases every Pointer created inside it
  private static double[] cvRodrigues(double[] in, int outRows, int outCols) {
    try (PointerScope scope = new PointerScope()) {
      Mat src = new Mat(3, in.length / 3, CV_64FC1, new DoublePointer(in));
      Mat dst = new Mat();
      opencv_calib3d.Rodrigues(src, dst);
      assertEquals(CV_64FC1, dst.type());
      assertEquals(outRows, dst.rows());
      assertEquals(outCols, dst.cols());
      assertTrue(dst.isContinuous());
      double[] out = new double[outRows * outCols];
      new DoublePointer(dst.data()).get(out);
      return out;
    }
  }
}
