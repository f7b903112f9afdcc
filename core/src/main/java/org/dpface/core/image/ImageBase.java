package org.dpface.core.image;

/**
 * Common geometry of every image buffer: a primitive array addressed by {@code startIndex + y * stride + x * numBands + band}.
 *
 * <p>Pixel (u, v) = (column, row); integer coordinates are pixel centres. Subclasses own the primitive array;
 * {@link #reshape(int, int)} reuses it when it is large enough, so hot loops can recycle buffers.
 */
public abstract class ImageBase {
  /** Width in pixels. */
  protected int width;
  /** Height in pixels. */
  protected int height;
  /** Number of interleaved bands (1 for gray). */
  protected final int numBands;
  /** Array elements between the starts of two consecutive rows. */
  protected int stride;
  /** Index of pixel (0, 0) band 0 in the array. */
  protected int startIndex;

  protected ImageBase(int numBands) {
    if (numBands < 1) {
      throw new IllegalArgumentException("numBands must be >= 1, got " + numBands);
    }
    this.numBands = numBands;
  }

  public final int width() {
    return width;
  }

  public final int height() {
    return height;
  }

  public final int numBands() {
    return numBands;
  }

  public final int stride() {
    return stride;
  }

  public final int startIndex() {
    return startIndex;
  }

  /** Number of pixels (width * height). */
  public final int pixelCount() {
    return width * height;
  }

  /** True if (x, y) lies inside the image. */
  public final boolean isInBounds(int x, int y) {
    return x >= 0 && y >= 0 && x < width && y < height;
  }

  /** Array index of band 0 of pixel (x, y); no bounds check. */
  public final int indexOf(int x, int y) {
    return startIndex + y * stride + x * numBands;
  }

  /** Array index of pixel (x, y) band {@code band}, bounds checked. */
  protected final int checkedIndex(int x, int y, int band) {
    if (!isInBounds(x, y)) {
      throw new IndexOutOfBoundsException(
          "pixel (" + x + ", " + y + ") outside " + width + "x" + height + " image");
    }
    if (band < 0 || band >= numBands) {
      throw new IndexOutOfBoundsException("band " + band + " outside [0, " + numBands + ")");
    }
    return indexOf(x, y) + band;
  }

  /**
   * Changes the shape to width x height (stride = width * numBands, start 0), reusing the array when it is
   * large enough. Pixel values are undefined afterwards.
   */
  public final void reshape(int newWidth, int newHeight) {
    if (newWidth < 0 || newHeight < 0) {
      throw new IllegalArgumentException("negative shape " + newWidth + "x" + newHeight);
    }
    int needed = Math.multiplyExact(Math.multiplyExact(newWidth, newHeight), numBands);
    if (arrayLength() < needed) {
      allocate(needed);
    }
    this.width = newWidth;
    this.height = newHeight;
    this.stride = newWidth * numBands;
    this.startIndex = 0;
  }

  /** True when this image has the same width, height and band count as {@code other}. */
  public final boolean isSameShape(ImageBase other) {
    return width == other.width && height == other.height && numBands == other.numBands;
  }

  /** Throws if this image does not have the same shape as {@code other}. */
  public final void checkSameShape(ImageBase other) {
    if (!isSameShape(other)) {
      throw new IllegalArgumentException(
          "shape mismatch: " + width + "x" + height + "x" + numBands + " vs " + other.width + "x"
              + other.height + "x" + other.numBands);
    }
  }

  protected abstract int arrayLength();

  protected abstract void allocate(int length);

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + width + "x" + height + "x" + numBands + "]";
  }
}
