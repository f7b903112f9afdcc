package org.dpface.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link GrayS32} against the {@link GeneralChecksImage} contract, plus its value semantics. */
class GrayS32Test extends GeneralChecksImage<GrayS32> {
  @Override
  int bands() {
    return 1;
  }

  @Override
  GrayS32 create(int width, int height) {
    return new GrayS32(width, height);
  }

  @Override
  Object data(GrayS32 img) {
    return img.data;
  }

  @Override
  void share(GrayS32 view, GrayS32 parent) {
    view.data = parent.data;
  }

  @Override
  double get(GrayS32 img, int x, int y, int band) {
    assertEquals(0, band, "gray");
    return img.get(x, y);
  }

  @Override
  void set(GrayS32 img, int x, int y, int band, double value) {
    assertEquals(0, band, "gray");
    img.set(x, y, (int) value);
  }

  @Override
  void fill(GrayS32 img, double value) {
    img.fill((int) value);
  }

  @Override
  void setTo(GrayS32 dst, GrayS32 src) {
    dst.setTo(src);
  }

  @Override
  GrayS32 copy(GrayS32 img) {
    return img.copy();
  }

  @Override
  double value(int i) {
    return i * -1640531527;
  }

  @Override
  double raw(GrayS32 img, int index) {
    return img.data[index];
  }

  @Test
  void fullSignedRange() {
    GrayS32 img = new GrayS32(3, 1);
    img.set(0, 0, Integer.MIN_VALUE);
    img.set(1, 0, Integer.MAX_VALUE);
    img.set(2, 0, -1);
    assertEquals(Integer.MIN_VALUE, img.get(0, 0));
    assertEquals(Integer.MAX_VALUE, img.get(1, 0));
    assertEquals(-1, img.get(2, 0));
  }
}
