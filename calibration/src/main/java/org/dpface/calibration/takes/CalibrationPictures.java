package org.dpface.calibration.takes;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.dpface.calibration.camera.ViewResult;
import org.dpface.calibration.detect.CornerDetection;
import org.dpface.calibration.rig.RigCalibration;
import org.dpface.core.image.GrayU16;
import org.dpface.core.io.AtomicFiles;

/** The calibration report's pictures: one camera view with its detected corners, reprojection RMS per camera. */
final class CalibrationPictures {
  private CalibrationPictures() {}

  /** One view of {@code cameraId}, corners drawn, corner 0 marked (shows the canonical order). */
  static void writeCorners(Path png, GrayU16 img, CornerDetection d, String cameraId)
      throws IOException {
    int scale = Math.max(1, 640 / img.height());
    BufferedImage out = new BufferedImage(img.width() * scale, img.height() * scale, BufferedImage.TYPE_INT_RGB);
    int max = 1;
    for (int y = 0; y < img.height(); y++) {
      for (int x = 0; x < img.width(); x++) {
        max = Math.max(max, img.get(x, y));
      }
    }
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        int g = Math.min(255, (int) (255.0 * img.get(x / scale, y / scale) / max));
        out.setRGB(x, y, (g << 16) | (g << 8) | g);
      }
    }
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      double[] c = d.corners();
      g.setStroke(new BasicStroke(1.5f));
      for (int k = 0; k < c.length / 2; k++) {
        double u = (c[2 * k] + 0.5) * scale;
        double v = (c[2 * k + 1] + 0.5) * scale;
        g.setColor(k == 0 ? Color.RED : Color.GREEN);
        int r = k == 0 ? 6 : 3;
        g.drawOval((int) Math.round(u - r), (int) Math.round(v - r), 2 * r, 2 * r);
      }
      g.setColor(Color.YELLOW);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.drawString(cameraId + " " + d.source() + " (red: corner 0)", 4, 14);
    } finally {
      g.dispose();
    }
    writePng(png, out);
  }

  /** Per camera, a bar of its reprojection RMS; outlier views counted beside it. */
  static void writeResiduals(Path png, RigCalibration cal) throws IOException {
    List<RigCalibration.Camera> cams = cal.cameras();
    int w = 540;
    int rowH = 26;
    int h = 30 + rowH * cams.size();
    double top = 0;
    for (RigCalibration.Camera cam : cams) {
      top = Math.max(top, cam.rmsPx());
    }
    top = Math.max(top * 1.2, 1e-3);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.setColor(Color.BLACK);
      g.drawString("reprojection RMS per camera (px), after joint refinement", 8, 18);
      int x0 = 60;
      int barMax = w - x0 - 120;
      for (int c = 0; c < cams.size(); c++) {
        RigCalibration.Camera cam = cams.get(c);
        int y = 30 + c * rowH;
        g.setColor(Color.BLACK);
        g.drawString(cam.id(), 8, y + 16);
        int len = (int) Math.round(barMax * cam.rmsPx() / top);
        long bad = cam.views().stream().filter(ViewResult::outlier).count();
        g.setColor(bad > 0 ? new Color(200, 80, 60) : new Color(70, 120, 190));
        g.fillRect(x0, y + 4, Math.max(1, len), rowH - 8);
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "%.3f (%d views%s)", cam.rmsPx(), cam.views().size(),
            bad > 0 ? ", " + bad + " outliers" : ""), x0 + len + 6, y + 16);
      }
    } finally {
      g.dispose();
    }
    writePng(png, out);
  }

  private static void writePng(Path png, BufferedImage img) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(img, "png", bytes);
    AtomicFiles.write(png, bytes.toByteArray());
  }
}
