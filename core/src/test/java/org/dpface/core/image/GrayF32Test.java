package org.dpface.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link GrayF32} against the {@link GeneralChecksImage} contract, plus its value semantics. */
class GrayF32Test extends GeneralChecksImage<GrayF32> {
  @Override
  int bands() {
    return 1;
  }

  @Override
  GrayF32 create(int width, int height) {
    return new GrayF32(width, height);
  }

  @Override
  Object data(GrayF32 img) {
    return img.data;
  }

  @Override
  void share(GrayF32 view, GrayF32 parent) {
    view.data = parent.data;
  }

  @Override
  double get(GrayF32 img, int x, int y, int band) {
    assertEquals(0, band, "gray");
    return img.get(x, y);
  }

  @Override
  void set(GrayF32 img, int x, int y, int band, double value) {
    assertEquals(0, band, "gray");
    img.set(x, y, (float) value);
  }

  @Override
  void fill(GrayF32 img, double value) {
    img.fill((float) value);
  }

  @Override
  void setTo(GrayF32 dst, GrayF32 src) {
    dst.setTo(src);
  }

  @Override
  GrayF32 copy(GrayF32 img) {
    return img.copy();
  }

  @Override
  double value(int i) {
    return (float) (i * 0.37 - 1000);
  }

  @Override
  double raw(GrayF32 img, int index) {
    return img.data[index];
  }

  @Test
  void specialFloatsRoundTrip() {
    GrayF32 img = new GrayF32(3, 1);
    img.set(0, 0, Float.NaN);
    img.set(1, 0, -0.0f);
    img.set(2, 0, Float.POSITIVE_INFINITY);
    assertTrue(Float.isNaN(img.get(0, 0)));
    assertEquals(Float.floatToIntBits(-0.0f), Float.floatToIntBits(img.get(1, 0)));
    assertEquals(Float.POSITIVE_INFINITY, img.get(2, 0));
    assertTrue(Float.isNaN(img.copy().get(0, 0)));
  }
}
