package org.dpface.calibration.target;

import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.warpPerspective;
import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;

import java.nio.DoubleBuffer;
import java.util.SplittableRandom;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CharucoBoard;
import org.dpface.calibration.detect.CharucoCornerDetector;
import org.dpface.calibration.opencv.OpenCvImages;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayU8;

/**
 * Renders a ChArUco board as a pinhole camera sees it: synthetic views with known truth for the ChArUco
 * tests of calibration and the CLI, and a self-check of a board spec before printing it. OpenCV prints the board
 * ({@code CharucoBoard.generateImage}, {@value #PRINT_PX_PER_MM} px/mm), the print is warped by the
 * homography board → camera ({@code warpPerspective}, bilinear) into a 4x supersampled frame, which is
 * box-filtered down ({@code resize}, INTER_AREA), blurred (Gaussian, {@code blurSigmaPx}) and given
 * Gaussian noise. Print levels: black {@value #BLACK} DN, white {@value #WHITE} DN, background
 * {@value #BACKGROUND} DN. Optional occluder: a rectangle of image pixels painted {@value #OCCLUDER} DN.
 */
public final class CharucoRenderer implements AutoCloseable {
  public static final double PRINT_PX_PER_MM = 12;
  public static final int SUPERSAMPLING = 4;
  public static final int BLACK = 30;
  public static final int WHITE = 215;
  public static final int BACKGROUND = 110;
  public static final int OCCLUDER = 70;

  private final CameraModel camera;
  private final CharucoSpec board;
  private final Mat print;

  public CharucoRenderer(CameraModel camera, CharucoSpec board) {
    if (camera.isDistorted()) {
      throw new IllegalArgumentException("the renderer warps by a homography: pinhole cameras only");
    }
    this.camera = camera;
    this.board = board;
    int pw = (int) Math.round(board.columns() * board.squareMm() * PRINT_PX_PER_MM);
    int ph = (int) Math.round(board.rows() * board.squareMm() * PRINT_PX_PER_MM);
    Mat raw = new Mat();
    try (CharucoBoard cv = CharucoCornerDetector.openCvBoard(board); Size size = new Size(pw, ph)) {
      cv.generateImage(size, raw, 0, 1);
    }
    print = new Mat();
    raw.convertTo(print, CV_8UC1, (WHITE - BLACK) / 255.0, BLACK);
    raw.close();
  }

  /**
   * The image of the board at {@code boardToCamera} (dpface board frame: origin at corner 0), with an
   * occluder over pixels [x0, x1) × [y0, y1) when {@code occluder} = {x0, y0, x1, y1} is not null.
   */
  public GrayU8 render(RigidTransform boardToCamera, double blurSigmaPx, double noiseDn, long seed, int[] occluder) {
    int ss = SUPERSAMPLING;
    double s = PRINT_PX_PER_MM;
    double sq = board.squareMm();
    // print px (integer at pixel centres) -> board mm (dpface frame): x = (u + 0.5) / s - square
    double[] a1 = {1 / s, 0, 0.5 / s - sq, 0, 1 / s, 0.5 / s - sq, 0, 0, 1};
    // board mm (z = 0) -> camera px: K [r1 r2 t]
    double[] r = boardToCamera.rotation();
    double[] t = boardToCamera.translation();
    double[] rt = {r[0], r[1], t[0], r[3], r[4], t[1], r[6], r[7], t[2]};
    double[] k = {camera.fx(), 0, camera.cx(), 0, camera.fy(), camera.cy(), 0, 0, 1};
    // camera px -> supersampled px: U = ss (u + 0.5) - 0.5
    double[] a2 = {ss, 0, 0.5 * ss - 0.5, 0, ss, 0.5 * ss - 0.5, 0, 0, 1};
    double[] m = mul(a2, mul(k, mul(rt, a1)));
    int w = camera.width();
    int h = camera.height();
    try (Mat hm = new Mat(3, 3, CV_64F);
        Mat big = new Mat();
        Mat small = new Mat();
        Mat blurred = new Mat();
        Size bigSize = new Size(w * ss, h * ss);
        Size smallSize = new Size(w, h);
        Size zero = new Size(0, 0);
        Scalar bg = new Scalar(BACKGROUND)) {
      DoubleBuffer b = hm.createBuffer();
      b.put(m);
      warpPerspective(print, big, hm, bigSize, INTER_LINEAR, BORDER_CONSTANT, bg);
      resize(big, small, smallSize, 0, 0, INTER_AREA);
      if (blurSigmaPx > 0) {
        GaussianBlur(small, blurred, zero, blurSigmaPx);
      } else {
        small.copyTo(blurred);
      }
      GrayU8 out = OpenCvImages.toGrayU8(blurred);
      SplittableRandom rnd = new SplittableRandom(seed);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          boolean occluded = occluder != null && x >= occluder[0] && y >= occluder[1] && x < occluder[2]
              && y < occluder[3];
          double v = occluded ? OCCLUDER : (out.data[out.indexOf(x, y)] & 0xFF);
          v += noiseDn * gaussian(rnd);
          out.data[out.indexOf(x, y)] = (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
      }
      return out;
    }
  }

  /** True pixel of every board point (interleaved u v, NaN behind the camera), in point-id order. */
  public double[] trueCorners(RigidTransform boardToCamera) {
    double[] obj = board.objectPoints();
    double[] out = new double[2 * board.pointCount()];
    double[] p = new double[3];
    for (int i = 0; i < board.pointCount(); i++) {
      boardToCamera.transformPoint(obj[3 * i], obj[3 * i + 1], obj[3 * i + 2], p, 0);
      if (!camera.project(p[0], p[1], p[2], out, 2 * i)) {
        out[2 * i] = Double.NaN;
        out[2 * i + 1] = Double.NaN;
      }
    }
    return out;
  }

  private static double[] mul(double[] a, double[] b) {
    double[] c = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
      }
    }
    return c;
  }

  private static double gaussian(SplittableRandom rnd) {
    double u = rnd.nextDouble();
    double v = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  }

  @Override
  public void close() {
    print.close();
  }
}
