package org.dpface.calibration.accuracy;

import static org.bytedeco.opencv.global.opencv_core.CV_32FC1;
import static org.bytedeco.opencv.global.opencv_core.CV_32FC2;
import static org.bytedeco.opencv.global.opencv_imgproc.cornerSubPix;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.TermCriteria;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.core.image.GrayU16;

/** Experiment: corners re-refined by cornerSubPix on the full-precision (float) image, not the 8-bit stretch. */
final class CornerRefinement {
  private CornerRefinement() {}

  static List<List<CornerDetection>> refineFloat(DemoCalibrationSession s, int halfOverride) {
    return refineFloat(s, halfOverride, 0);
  }

  static List<List<CornerDetection>> refineFloat(DemoCalibrationSession s, int halfOverride, double sigma) {
    List<List<CornerDetection>> out = new ArrayList<>();
    for (int p = 0; p < s.detections.size(); p++) {
      List<CornerDetection> row = new ArrayList<>();
      for (int c = 0; c < s.cameraIds.size(); c++) {
        CornerDetection d = s.detections.get(p).get(c);
        row.add(d.isFound() ? refine(s.images.get(p).get(c), d, s.spec.columns(), halfOverride, sigma) : d);
      }
      out.add(row);
    }
    return out;
  }

  static CornerDetection refine(GrayU16 img, CornerDetection d, int cols, int halfOverride, double sigma) {
    double[] c = d.corners();
    int n = c.length / 2;
    int rows = n / cols;
    double min = Double.POSITIVE_INFINITY;
    for (int j = 0; j < rows; j++) {
      for (int i = 0; i < cols; i++) {
        int k = 2 * (j * cols + i);
        if (i + 1 < cols) {
          min = Math.min(min, Math.hypot(c[k + 2] - c[k], c[k + 3] - c[k + 1]));
        }
        if (j + 1 < rows) {
          int e = k + 2 * cols;
          min = Math.min(min, Math.hypot(c[e] - c[k], c[e + 1] - c[k + 1]));
        }
      }
    }
    int half = halfOverride > 0 ? halfOverride : Math.max(2, Math.min(11, (int) Math.floor(min / 2) - 1));
    try (Mat m = new Mat(img.height(), img.width(), CV_32FC1); Mat corners = new Mat(n, 1, CV_32FC2);
        Size win = new Size(half, half); Size zero = new Size(-1, -1);
        TermCriteria crit = new TermCriteria(TermCriteria.EPS + TermCriteria.COUNT, 100, 1e-6)) {
      FloatBuffer fb = m.createBuffer();
      for (int y = 0; y < img.height(); y++) {
        for (int x = 0; x < img.width(); x++) {
          fb.put(y * img.width() + x, img.get(x, y));
        }
      }
      if (sigma > 0) {
        org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur(m, m, new Size(0, 0), sigma);
      }
      FloatBuffer cb = corners.createBuffer();
      for (int i = 0; i < 2 * n; i++) {
        cb.put(i, (float) c[i]);
      }
      cornerSubPix(m, corners, win, zero, crit);
      double[] r = new double[2 * n];
      cb = corners.createBuffer();
      for (int i = 0; i < 2 * n; i++) {
        r[i] = cb.get(i);
      }
      return CornerDetection.found(d.source(), d.width(), d.height(), r);
    }
  }
}
