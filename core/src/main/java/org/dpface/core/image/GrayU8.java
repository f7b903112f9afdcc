package org.dpface.core.image;

import java.util.Arrays;

/** Single-band unsigned 8-bit image stored in bytes; values 0..255 (masks, 8-bit captures). */
public final class GrayU8 extends ImageBase {
  /** Pixel data; see {@link ImageBase} for the layout. Public for unchecked inner-loop access. */
  public byte[] data;

  public GrayU8(int width, int height) {
    super(1);
    data = new byte[0];
    reshape(width, height);
  }

  /** Value at (x, y), bounds checked. Returned unsigned (0..255). */
  public int get(int x, int y) {
    return data[checkedIndex(x, y, 0)] & 0xFF;
  }

  /** Sets the value at (x, y), bounds checked. */
  public void set(int x, int y, int value) {
    data[checkedIndex(x, y, 0)] = (byte) value;
  }

  /** Sets every element of every pixel to {@code value}. */
  public void fill(int value) {
    if (startIndex == 0 && stride == width * numBands) {
      Arrays.fill(data, 0, width * height * numBands, (byte) value);
      return;
    }
    for (int y = 0; y < height; y++) {
      int row = startIndex + y * stride;
      Arrays.fill(data, row, row + width * numBands, (byte) value);
    }
  }

  /** Number of pixels whose value is {@code value} (0..255), e.g. the set pixels of a 0/1 mask. */
  public int count(int value) {
    byte v = (byte) value;
    int n = 0;
    for (int y = 0; y < height; y++) {
      int row = startIndex + y * stride;
      for (int i = row; i < row + width; i++) {
        n += data[i] == v ? 1 : 0;
      }
    }
    return n;
  }

  /**
   * Copies {@code src} into this image, honouring both layouts (stride, start index). If the shapes
   * differ this image is first reshaped to src's shape (compact layout); a different band count throws.
   */
  public void setTo(GrayU8 src) {
    reshapeLike(src);
    for (int y = 0; y < height; y++) {
      System.arraycopy(src.data, src.indexOf(0, y), data, indexOf(0, y), width * numBands);
    }
  }

  /** Allocating deep copy with a compact layout. */
  public GrayU8 copy() {
    GrayU8 out = new GrayU8(width, height);
    out.setTo(this);
    return out;
  }

  private void reshapeLike(GrayU8 src) {
    if (src.numBands != numBands) {
      throw new IllegalArgumentException("band count " + src.numBands + " != " + numBands);
    }
    if (src.width != width || src.height != height) {
      reshape(src.width, src.height);
    }
  }

  @Override
  protected int arrayLength() {
    return data.length;
  }

  @Override
  protected void allocate(int length) {
    data = new byte[length];
  }
}
