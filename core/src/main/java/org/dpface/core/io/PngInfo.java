package org.dpface.core.io;

/**
 * What a PNG file holds, from its IHDR chunk (PNG specification, ISO/IEC 15948, section 11.2.2).
 *
 * @param width image width in pixels
 * @param height image height in pixels
 * @param bitDepth bits per sample (1, 2, 4, 8 or 16)
 * @param colorType PNG colour type: 0 gray, 2 RGB, 3 palette, 4 gray + alpha, 6 RGBA
 * @param interlaced true for Adam7 interlacing
 */
public record PngInfo(int width, int height, int bitDepth, int colorType, boolean interlaced) {
  /** PNG colour type of a gray image. */
  public static final int GRAY = 0;
  /** PNG colour type of an RGB image. */
  public static final int RGB = 2;
  /** PNG colour type of a palette image. */
  public static final int PALETTE = 3;
  /** PNG colour type of a gray + alpha image. */
  public static final int GRAY_ALPHA = 4;
  /** PNG colour type of an RGBA image. */
  public static final int RGBA = 6;

  /** Samples per pixel stored in the file (palette: 1 index). */
  public int channels() {
    return switch (colorType) {
      case GRAY, PALETTE -> 1;
      case GRAY_ALPHA -> 2;
      case RGB -> 3;
      case RGBA -> 4;
      default -> throw new IllegalStateException("colour type " + colorType);
    };
  }

  /** Human-readable kind, e.g. {@code "16-bit gray"} or {@code "8-bit RGB"}. */
  public String describe() {
    return bitDepth + "-bit " + describeColorType(colorType);
  }

  static String describeColorType(int colorType) {
    return switch (colorType) {
      case GRAY -> "gray";
      case RGB -> "RGB";
      case PALETTE -> "palette";
      case GRAY_ALPHA -> "gray+alpha";
      case RGBA -> "RGBA";
      default -> "colour type " + colorType;
    };
  }
}
