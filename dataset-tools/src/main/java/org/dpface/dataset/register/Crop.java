package org.dpface.dataset.register;

import org.dpface.core.image.GrayU8;

/**
 * A fixed-size window of a camera image (pixels, (x0, y0) = its top-left pixel centre). Samples are
 * cut from the full camera image without resampling, so DP disparity and depth keep their geometry
 * exactly; only the principal point moves ({@link #croppedK}).
 */
public record Crop(int x0, int y0, int width, int height) {
  public Crop {
    if (x0 < 0 || y0 < 0 || width < 1 || height < 1) {
      throw new IllegalArgumentException("bad crop " + x0 + "," + y0 + " " + width + "x" + height);
    }
  }

  /**
   * The {@code width × height} window centred on the bounding box of the non-zero pixels of
   * {@code mask}, moved inside the image where it would cross a border; centred on the image when the
   * mask is empty.
   *
   * @throws IllegalArgumentException when the image is smaller than the window
   */
  public static Crop centredOn(GrayU8 mask, int width, int height) {
    int w = mask.width();
    int h = mask.height();
    if (width > w || height > h) {
      throw new IllegalArgumentException("sample " + width + "x" + height + " does not fit the " + w + "x" + h + " image");
    }
    int minX = w;
    int minY = h;
    int maxX = -1;
    int maxY = -1;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (mask.get(x, y) != 0) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
    }
    double cx = maxX < 0 ? (w - 1) / 2.0 : (minX + maxX) / 2.0;
    double cy = maxY < 0 ? (h - 1) / 2.0 : (minY + maxY) / 2.0;
    int x0 = clamp((int) Math.round(cx - (width - 1) / 2.0), w - width);
    int y0 = clamp((int) Math.round(cy - (height - 1) / 2.0), h - height);
    return new Crop(x0, y0, width, height);
  }

  private static int clamp(int v, int max) {
    return Math.max(0, Math.min(max, v));
  }

  /** Whether full-image pixel (x, y) lies in the window. */
  public boolean contains(int x, int y) {
    return x >= x0 && y >= y0 && x < x0 + width && y < y0 + height;
  }

  /** 3×3 row-major intrinsics of the cropped grid: the principal point shifted by (−x0, −y0). */
  public float[] croppedK(double fx, double fy, double cx, double cy) {
    return new float[] {(float) fx, 0, (float) (cx - x0), 0, (float) fy, (float) (cy - y0), 0, 0, 1};
  }
}
