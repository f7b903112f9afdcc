package org.dpface.network.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpface.core.image.InterleavedU8;
import org.dpface.core.io.PngImages;

/**
 * Draws a training curve from a {@code metrics.jsonl} log into an RGB PNG: training loss per step
 * (blue polyline) and validation disparity MAE (red dots, with the trivial predictor's MAE as a grey
 * line), each scaled to its own range from 0 to its maximum; a light grid of quarters. No text (the
 * numbers are in the log).
 */
public final class CurvePlot {
  static final int WIDTH = 640;
  static final int HEIGHT = 360;
  private static final int MARGIN = 20;

  private CurvePlot() {}

  /** Reads {@code log} and writes the picture to {@code png}. */
  public static void write(Path log, Path png) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<double[]> loss = new ArrayList<>();
    List<double[]> val = new ArrayList<>();
    double trivial = Double.NaN;
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = json.readTree(line);
      if ("step".equals(n.path("type").asText())) {
        loss.add(new double[] {n.path("step").asDouble(), n.path("loss").asDouble()});
      } else if ("validation".equals(n.path("type").asText())) {
        JsonNode m = n.path("metrics");
        if (m.path("dispMae").isNumber()) {
          val.add(new double[] {n.path("step").asDouble(), m.path("dispMae").asDouble()});
          trivial = m.path("trivialDispMae").asDouble(Double.NaN);
        }
      }
    }
    PngImages.write(png, draw(loss, val, trivial));
  }

  static InterleavedU8 draw(List<double[]> loss, List<double[]> val, double trivial) {
    InterleavedU8 img = new InterleavedU8(WIDTH, HEIGHT, 3);
    img.fill(255);
    for (int q = 0; q <= 4; q++) {
      int y = MARGIN + q * (HEIGHT - 2 * MARGIN) / 4;
      line(img, MARGIN, y, WIDTH - MARGIN, y, 225, 225, 225);
      int x = MARGIN + q * (WIDTH - 2 * MARGIN) / 4;
      line(img, x, MARGIN, x, HEIGHT - MARGIN, 225, 225, 225);
    }
    double maxStep = 1;
    double maxLoss = 1e-12;
    for (double[] p : loss) {
      maxStep = Math.max(maxStep, p[0]);
      maxLoss = Math.max(maxLoss, p[1]);
    }
    double maxVal = Double.isFinite(trivial) ? trivial : 1e-12;
    for (double[] p : val) {
      maxStep = Math.max(maxStep, p[0]);
      maxVal = Math.max(maxVal, p[1]);
    }
    for (int i = 1; i < loss.size(); i++) {
      double[] a = loss.get(i - 1);
      double[] b = loss.get(i);
      line(img, px(a[0], maxStep), py(a[1], maxLoss), px(b[0], maxStep), py(b[1], maxLoss), 30, 90, 200);
    }
    if (Double.isFinite(trivial)) {
      int y = py(trivial, maxVal);
      line(img, MARGIN, y, WIDTH - MARGIN, y, 140, 140, 140);
    }
    for (double[] p : val) {
      int cx = px(p[0], maxStep);
      int cy = py(p[1], maxVal);
      for (int dy = -3; dy <= 3; dy++) {
        line(img, cx - 3, cy + dy, cx + 3, cy + dy, 210, 40, 40);
      }
    }
    return img;
  }

  private static int px(double step, double maxStep) {
    return MARGIN + (int) Math.round(step / maxStep * (WIDTH - 2 * MARGIN));
  }

  private static int py(double v, double max) {
    double t = Math.max(0, Math.min(1, v / max));
    return HEIGHT - MARGIN - (int) Math.round(t * (HEIGHT - 2 * MARGIN));
  }

  /** Bresenham line, clipped to the image. */
  private static void line(InterleavedU8 img, int x0, int y0, int x1, int y1, int r, int g, int b) {
    int dx = Math.abs(x1 - x0);
    int dy = -Math.abs(y1 - y0);
    int sx = x0 < x1 ? 1 : -1;
    int sy = y0 < y1 ? 1 : -1;
    int err = dx + dy;
    while (true) {
      if (img.isInBounds(x0, y0)) {
        int i = img.indexOf(x0, y0);
        img.data[i] = (byte) r;
        img.data[i + 1] = (byte) g;
        img.data[i + 2] = (byte) b;
      }
      if (x0 == x1 && y0 == y1) {
        return;
      }
      int e2 = 2 * err;
      if (e2 >= dy) {
        err += dy;
        x0 += sx;
      }
      if (e2 <= dx) {
        err += dx;
        y0 += sy;
      }
    }
  }
}
