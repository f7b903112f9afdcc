package org.dpface.network.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dpface.core.image.InterleavedU8;
import org.dpface.core.io.PngImages;
import org.dpface.network.data.DpSample;

/**
 * One comparison picture per sample: a grid whose first row is the truth (left DP view, true depth,
 * true normals) and whose next rows are the predictors (in the order given): predicted depth,
 * predicted normals, and the absolute depth error map. Depth is gray over the true depth range of the
 * sample (near = bright), normals are RGB = 127.5·(n + 1), the error is black → red → yellow over
 * 0 to {@value #ERROR_RANGE_MM} mm; invalid pixels (and the depth tiles of a normals-only predictor)
 * are dark blue. Tiles are upscaled by an integer
 * factor to at least {@value #MIN_TILE} px. The sample is shown as the networks see it (split axis
 * along the width; a vertical-split camera appears transposed).
 */
public final class ValidationPictures {
  /** Error (mm) shown at full scale. */
  public static final double ERROR_RANGE_MM = 20;
  /** Smallest tile side (px) after upscaling. */
  public static final int MIN_TILE = 96;
  private static final int GAP = 2;

  private ValidationPictures() {}

  /**
   * Writes {@code outDir/pictures/<sampleId>.png}; returns its path relative to {@code outDir}.
   */
  public static String write(Path outDir, DpSample s,
      List<DepthPredictor.Prediction> preds) throws IOException {
    int w = s.width();
    int h = s.height();
    int scale = Math.max(1, (MIN_TILE + Math.min(w, h) - 1) / Math.min(w, h));
    int tw = w * scale;
    int th = h * scale;
    int rows = 1 + preds.size();
    InterleavedU8 img = new InterleavedU8(3 * tw + 2 * GAP, rows * th + (rows - 1) * GAP, 3);
    img.fill(255);
    double zMin = Double.POSITIVE_INFINITY;
    double zMax = Double.NEGATIVE_INFINITY;
    double lMax = 1e-9;
    for (int p = 0; p < s.pixels(); p++) {
      lMax = Math.max(lMax, s.left()[p]);
      if (valid(s, p)) {
        zMin = Math.min(zMin, s.depthMm()[p]);
        zMax = Math.max(zMax, s.depthMm()[p]);
      }
    }
    if (!(zMax > zMin)) {
      zMax = zMin + 1;
    }
    int[] rgb = new int[3];
    for (int row = 0; row < rows; row++) {
      DepthPredictor.Prediction pr = row == 0 ? null : preds.get(row - 1);
      for (int col = 0; col < 3; col++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            int p = y * w + x;
            pixel(s, pr, row, col, p, zMin, zMax, lMax, rgb);
            int x0 = col * (tw + GAP) + x * scale;
            int y0 = row * (th + GAP) + y * scale;
            for (int dy = 0; dy < scale; dy++) {
              for (int dx = 0; dx < scale; dx++) {
                for (int c = 0; c < 3; c++) {
                  img.set(x0 + dx, y0 + dy, c, rgb[c]);
                }
              }
            }
          }
        }
      }
    }
    String safe = s.sampleId().replaceAll("[^A-Za-z0-9_.-]", "_");
    Path dir = outDir.resolve("pictures");
    Files.createDirectories(dir);
    PngImages.write(dir.resolve(safe + ".png"), img);
    return "pictures/" + safe + ".png";
  }

  private static boolean valid(DpSample s, int p) {
    float z = s.depthMm()[p];
    return s.mask()[p] != 0 && z > 0 && Float.isFinite(z);
  }

  /** Colour of pixel p in tile (row, col); see the class comment for the layout. */
  private static void pixel(DpSample s, DepthPredictor.Prediction pr, int row, int col, int p,
      double zMin, double zMax, double lMax, int[] rgb) {
    if (row == 0 && col == 0) {
      gray(255 * s.left()[p] / lMax, rgb);
    } else if (!valid(s, p) || row > 0 && col != 1 && !pr.hasDepth()) {
      rgb[0] = 10;
      rgb[1] = 10;
      rgb[2] = 60;
    } else if (row == 0 && col == 1 || row > 0 && col == 0) {
      double z = row == 0 ? s.depthMm()[p] : pr.depthMm()[p];
      gray(255 * (1 - (z - zMin) / (zMax - zMin)), rgb);
    } else if (row == 0 || col == 1) {
      float[] n = row == 0 ? s.normal() : pr.normals();
      for (int c = 0; c < 3; c++) {
        rgb[c] = clamp(127.5 * (n[3 * p + c] + 1));
      }
    } else {
      double e = Math.min(1, Math.abs(pr.depthMm()[p] - s.depthMm()[p]) / ERROR_RANGE_MM);
      rgb[0] = clamp(255 * Math.min(1, 2 * e));
      rgb[1] = clamp(255 * Math.max(0, 2 * e - 1));
      rgb[2] = 0;
    }
  }

  private static void gray(double v, int[] rgb) {
    int g = clamp(v);
    rgb[0] = g;
    rgb[1] = g;
    rgb[2] = g;
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}
