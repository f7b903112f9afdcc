package org.dpface.cli.calibrate;

import static org.bytedeco.opencv.global.opencv_calib3d.drawChessboardCorners;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_core.CV_32SC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.circle;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.line;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_objdetect.drawDetectedCornersCharuco;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.dpface.calibration.camera.ViewResult;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.opencv.OpenCvImages;
import org.dpface.calibration.target.BoardSpec;
import org.dpface.calibration.target.CharucoSpec;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.image.GrayU8;
import org.dpface.core.io.AtomicFiles;

/**
 * The pictures {@code dpface calibrate camera|projector} writes next to calibration.json: detected
 * corners (OpenCV's own drawing for the board kind) and reprojection residuals of one view.
 */
final class CalibrationPictures {
  /** Residual vectors are drawn this many times longer than they are. */
  static final double RESIDUAL_GAIN = 50;

  private CalibrationPictures() {}

  /**
   * The detected corners of one view: {@code drawChessboardCorners} for a chessboard (coloured rows),
   * {@code drawDetectedCornersCharuco} with the corner ids for a ChArUco board.
   */
  static void writeCorners(Path png, BoardSpec board, GrayU8 gray, CornerDetection d) throws IOException {
    double[] c = d.corners();
    try (Mat g = OpenCvImages.toMat(gray);
        Mat bgr = new Mat();
        Mat corners = new Mat(c.length / 2, 1, CV_32FC2)) {
      cvtColor(g, bgr, COLOR_GRAY2BGR);
      FloatBuffer fb = corners.createBuffer();
      for (double v : c) {
        fb.put((float) v);
      }
      switch (board) {
        case ChessboardSpec chess -> {
          try (Size size = new Size(chess.columns(), chess.rows())) {
            drawChessboardCorners(bgr, size, corners, true);
          }
        }
        case CharucoSpec charuco -> {
          int[] ids = d.ids();
          try (Mat idMat = new Mat(ids.length, 1, CV_32SC1); Scalar colour = new Scalar(0, 255, 0, 0)) {
            IntBuffer ib = idMat.createBuffer();
            ib.put(ids);
            drawDetectedCornersCharuco(bgr, corners, idMat, colour);
          }
        }
      }
      write(png, bgr);
    }
  }

  /**
   * Reprojection residuals of one view: each detected corner (green circle) with a red line to where the
   * residual (reprojected − detected) would put it at {@value #RESIDUAL_GAIN}× length, and the view's
   * RMS in the corner of the picture.
   */
  static void writeResiduals(Path png, BoardSpec board, CameraModel model, GrayU8 gray, CornerDetection d,
      ViewResult view) throws IOException {
    double[] c = d.corners();
    double[] obj = d.objectPoints(board);
    double[] p = new double[3];
    double[] uv = new double[2];
    try (Mat g = OpenCvImages.toMat(gray);
        Mat bgr = new Mat();
        Scalar green = new Scalar(0, 200, 0, 0);
        Scalar red = new Scalar(0, 0, 255, 0);
        Scalar yellow = new Scalar(0, 255, 255, 0)) {
      cvtColor(g, bgr, COLOR_GRAY2BGR);
      for (int i = 0; i < d.cornerCount(); i++) {
        view.boardToCamera().transformPoint(obj[3 * i], obj[3 * i + 1], obj[3 * i + 2], p, 0);
        if (!model.project(p[0], p[1], p[2], uv, 0)) {
          continue;
        }
        double u = c[2 * i];
        double v = c[2 * i + 1];
        try (Point at = new Point((int) Math.round(u), (int) Math.round(v));
            Point to = new Point((int) Math.round(u + RESIDUAL_GAIN * (uv[0] - u)),
                (int) Math.round(v + RESIDUAL_GAIN * (uv[1] - v)))) {
          circle(bgr, at, 3, green, 1, LINE_AA, 0);
          line(bgr, at, to, red, 1, LINE_AA, 0);
        }
      }
      String label = String.format(Locale.ROOT, "%s: RMS %.3f px, max %.3f px, residuals x%.0f%s", view.source(),
          view.rmsPx(), view.maxErrorPx(), RESIDUAL_GAIN, view.outlier() ? " (outlier)" : "");
      try (Point org = new Point(8, 20)) {
        putText(bgr, label, org, FONT_HERSHEY_SIMPLEX, 0.5, yellow, 1, LINE_AA, false);
      }
      write(png, bgr);
    }
  }

  private static void write(Path png, Mat bgr) throws IOException {
    try (BytePointer bytes = new BytePointer()) {
      if (!imencode(".png", bgr, bytes)) {
        throw new IOException("OpenCV cannot encode " + png);
      }
      byte[] data = new byte[(int) bytes.limit()];
      bytes.get(data);
      AtomicFiles.write(png, data);
    }
  }
}
