package org.dpface.calibration.detect;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_32SC1;
import static org.bytedeco.opencv.global.opencv_imgproc.cornerSubPix;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Map;
import java.util.Objects;
import org.bytedeco.opencv.global.opencv_objdetect;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.TermCriteria;
import org.bytedeco.opencv.opencv_objdetect.CharucoBoard;
import org.bytedeco.opencv.opencv_objdetect.CharucoDetector;
import org.bytedeco.opencv.opencv_objdetect.Dictionary;
import org.dpface.calibration.target.CharucoSpec;

/**
 * Finds the inner corners of a ChArUco board through OpenCV's {@code cv::aruco::CharucoDetector}
 * (objdetect): ArUco markers are found and identified first (Garrido-Jurado et al., "Automatic generation
 * and detection of highly reliable fiducial markers under occlusion", Pattern Recognition 47(6), 2014),
 * then each chessboard corner between two found markers is predicted from the markers (local
 * homography) and refined by {@code cornerSubPix}. OpenCV up to 4.13 shifts that refined corner by
 * +0.5 px in u and v (opencv/opencv issue 25539, fixed after 4.13 by pull request 28380; measured here
 * +0.49 px on renders), so the corners are refined once more by {@code cornerSubPix} in the image's
 * own coordinates, with a half window just under the corner-to-marker gap (marker edges outside it).
 *
 * <p>The result is a partial detection ({@link CornerDetection#ids()} = OpenCV's ChArUco corner ids =
 * {@link CharucoSpec#objectPoints()} indices): occluded or out-of-frame parts of the board are simply
 * missing. A view counts as found when it holds at least {@link #MIN_CORNERS} corners that do not lie on
 * one line (a collinear set gives no homography). Markers identify the board uniquely, so no 180°
 * ambiguity remains.
 *
 * <p>Boards are laid out as OpenCV ≥ 4.6 generates them; boards with an even number of rows printed by
 * older OpenCV versions ("legacy pattern") are not recognised. Pixel convention as
 * {@link ChessboardDetector}: integer coordinates at pixel centres. The OpenCV detector is shared, so
 * detection is serialised; thread-safe.
 */
public final class CharucoCornerDetector implements BoardDetector, AutoCloseable {
  /** Fewest corners a found view holds (also the calibrator's minimum for partial views). */
  public static final int MIN_CORNERS = 6;

  private static final Map<String, Integer> DICTIONARY_IDS = Map.ofEntries(
      Map.entry("DICT_4X4_50", opencv_objdetect.DICT_4X4_50),
      Map.entry("DICT_4X4_100", opencv_objdetect.DICT_4X4_100),
      Map.entry("DICT_4X4_250", opencv_objdetect.DICT_4X4_250),
      Map.entry("DICT_4X4_1000", opencv_objdetect.DICT_4X4_1000),
      Map.entry("DICT_5X5_50", opencv_objdetect.DICT_5X5_50),
      Map.entry("DICT_5X5_100", opencv_objdetect.DICT_5X5_100),
      Map.entry("DICT_5X5_250", opencv_objdetect.DICT_5X5_250),
      Map.entry("DICT_5X5_1000", opencv_objdetect.DICT_5X5_1000),
      Map.entry("DICT_6X6_50", opencv_objdetect.DICT_6X6_50),
      Map.entry("DICT_6X6_100", opencv_objdetect.DICT_6X6_100),
      Map.entry("DICT_6X6_250", opencv_objdetect.DICT_6X6_250),
      Map.entry("DICT_6X6_1000", opencv_objdetect.DICT_6X6_1000),
      Map.entry("DICT_7X7_50", opencv_objdetect.DICT_7X7_50),
      Map.entry("DICT_7X7_100", opencv_objdetect.DICT_7X7_100),
      Map.entry("DICT_7X7_250", opencv_objdetect.DICT_7X7_250),
      Map.entry("DICT_7X7_1000", opencv_objdetect.DICT_7X7_1000),
      Map.entry("DICT_ARUCO_ORIGINAL", opencv_objdetect.DICT_ARUCO_ORIGINAL),
      Map.entry("DICT_APRILTAG_16H5", opencv_objdetect.DICT_APRILTAG_16h5),
      Map.entry("DICT_APRILTAG_25H9", opencv_objdetect.DICT_APRILTAG_25h9),
      Map.entry("DICT_APRILTAG_36H10", opencv_objdetect.DICT_APRILTAG_36h10),
      Map.entry("DICT_APRILTAG_36H11", opencv_objdetect.DICT_APRILTAG_36h11),
      Map.entry("DICT_ARUCO_MIP_36H12", opencv_objdetect.DICT_ARUCO_MIP_36h12));

  private final CharucoSpec board;
  private final CharucoBoard cvBoard;
  private final CharucoDetector detector;

  public CharucoCornerDetector(CharucoSpec board) {
    this.board = Objects.requireNonNull(board, "board");
    this.cvBoard = openCvBoard(board);
    this.detector = new CharucoDetector(cvBoard);
  }

  /**
   * OpenCV's model of {@code spec} (lengths in mm, OpenCV's board frame with its origin at the board's
   * outer corner); the caller closes it. Used to detect and, in tests, to print the board.
   */
  public static CharucoBoard openCvBoard(CharucoSpec spec) {
    Integer id = DICTIONARY_IDS.get(spec.dictionary());
    if (id == null) {
      throw new IllegalArgumentException("no OpenCV dictionary " + spec.dictionary());
    }
    try (Size size = new Size(spec.columns(), spec.rows());
        Dictionary dict = opencv_objdetect.getPredefinedDictionary(id)) {
      return new CharucoBoard(size, (float) spec.squareMm(), (float) spec.markerMm(), dict);
    }
  }

  @Override
  public CharucoSpec board() {
    return board;
  }

  @Override
  public CornerDetection detect(String source, Mat gray) {
    int w = gray.cols();
    int h = gray.rows();
    if (w < 8 || h < 8) {
      return CornerDetection.failed(source, w, h, "image " + w + "x" + h + " too small for a board");
    }
    try (Mat corners = new Mat(); Mat ids = new Mat()) {
      synchronized (detector) {
        detector.detectBoard(gray, corners, ids);
      }
      int n = (int) ids.total();
      if (n == 0) {
        return CornerDetection.failed(source, w, h, "no ChArUco corners of " + board.toSpecString() + " found");
      }
      if (corners.type() != CV_32FC2 || ids.type() != CV_32SC1 || corners.total() != n) {
        return CornerDetection.failed(source, w, h, "unexpected ChArUco result types " + corners.type() + "/"
            + ids.type());
      }
      if (n < MIN_CORNERS) {
        return CornerDetection.failed(source, w, h, "only " + n + " ChArUco corners found; need at least "
            + MIN_CORNERS);
      }
      int[] idArr = new int[n];
      IntBuffer ib = ids.createBuffer();
      ib.get(idArr);
      if (collinear(idArr)) {
        return CornerDetection.failed(source, w, h, n + " ChArUco corners found, but all on one line");
      }
      int half = subPixHalfWindow(idArr, read(corners, n));
      try (Size win = new Size(half, half);
          Size zero = new Size(-1, -1);
          TermCriteria crit = new TermCriteria(TermCriteria.EPS + TermCriteria.COUNT, 40, 0.001)) {
        cornerSubPix(gray, corners, win, zero, crit);
      }
      return CornerDetection.foundPartial(source, w, h, idArr, read(corners, n));
    }
  }

  private static double[] read(Mat corners, int n) {
    double[] uv = new double[2 * n];
    FloatBuffer fb = corners.createBuffer();
    for (int i = 0; i < 2 * n; i++) {
      uv[i] = fb.get(i);
    }
    return uv;
  }

  /**
   * cornerSubPix half window, px: just under the gap between a corner and the nearest marker,
   * (square − marker) / 2 at the image scale, so marker edges stay out of the window; the scale is the
   * smallest spacing of neighbouring detected corners over the square side. Clamped to [2, 11].
   */
  private int subPixHalfWindow(int[] ids, double[] uv) {
    int cols = board.cornerColumns();
    double minSpacing = Double.POSITIVE_INFINITY;
    for (int i = 0; i < ids.length; i++) {
      for (int j = 0; j < ids.length; j++) {
        int a = ids[i];
        int b = ids[j];
        boolean rightNeighbour = b == a + 1 && a % cols != cols - 1;
        boolean belowNeighbour = b == a + cols;
        if (rightNeighbour || belowNeighbour) {
          minSpacing = Math.min(minSpacing, Math.hypot(uv[2 * j] - uv[2 * i], uv[2 * j + 1] - uv[2 * i + 1]));
        }
      }
    }
    if (!Double.isFinite(minSpacing)) {
      return 2;
    }
    double gapPx = minSpacing * (board.squareMm() - board.markerMm()) / 2 / board.squareMm();
    return Math.max(2, Math.min(ChessboardDetector.MAX_SUBPIX_HALF_WINDOW, (int) Math.floor(gapPx) - 1));
  }

  /**
   * True when the board points of {@code ids} lie on (nearly) one line: the smaller principal spread of
   * their grid positions is under a quarter square.
   */
  private boolean collinear(int[] ids) {
    int cols = board.cornerColumns();
    double mx = 0;
    double my = 0;
    for (int id : ids) {
      mx += id % cols;
      my += (double) (id / cols);
    }
    mx /= ids.length;
    my /= ids.length;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int id : ids) {
      double dx = id % cols - mx;
      double dy = id / cols - my;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
    }
    sxx /= ids.length;
    syy /= ids.length;
    sxy /= ids.length;
    double tr = sxx + syy;
    double det = sxx * syy - sxy * sxy;
    double minEig = 0.5 * tr - Math.sqrt(Math.max(0, 0.25 * tr * tr - det));
    return minEig < 0.25 * 0.25;
  }

  @Override
  public void close() {
    detector.close();
    cvBoard.close();
  }
}
