package org.dpface.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link GrayU16} against the {@link GeneralChecksImage} contract, plus its value semantics. */
class GrayU16Test extends GeneralChecksImage<GrayU16> {
  @Override
  int bands() {
    return 1;
  }

  @Override
  GrayU16 create(int width, int height) {
    return new GrayU16(width, height);
  }

  @Override
  Object data(GrayU16 img) {
    return img.data;
  }

  @Override
  void share(GrayU16 view, GrayU16 parent) {
    view.data = parent.data;
  }

  @Override
  double get(GrayU16 img, int x, int y, int band) {
    assertEquals(0, band, "gray");
    return img.get(x, y);
  }

  @Override
  void set(GrayU16 img, int x, int y, int band, double value) {
    assertEquals(0, band, "gray");
    img.set(x, y, (int) value);
  }

  @Override
  void fill(GrayU16 img, double value) {
    img.fill((int) value);
  }

  @Override
  void setTo(GrayU16 dst, GrayU16 src) {
    dst.setTo(src);
  }

  @Override
  GrayU16 copy(GrayU16 img) {
    return img.copy();
  }

  @Override
  double value(int i) {
    return (i * 2003) % 65536;
  }

  @Override
  double raw(GrayU16 img, int index) {
    return img.data[index] & 0xFFFF;
  }

  @Test
  void valuesAreUnsigned() {
    GrayU16 img = new GrayU16(3, 1);
    img.set(0, 0, 65535);
    img.set(1, 0, 32768);
    img.set(2, 0, 32767);
    assertEquals(65535, img.get(0, 0));
    assertEquals(32768, img.get(1, 0));
    assertEquals(32767, img.get(2, 0));
    assertEquals((short) -1, img.data[0], "stored as the two's complement short");
    img.fill(65535);
    assertEquals(65535, img.get(2, 0));
  }
}
