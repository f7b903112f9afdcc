package org.dpface.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link GrayU8} against the {@link GeneralChecksImage} contract, plus its value semantics. */
class GrayU8Test extends GeneralChecksImage<GrayU8> {
  @Override
  int bands() {
    return 1;
  }

  @Override
  GrayU8 create(int width, int height) {
    return new GrayU8(width, height);
  }

  @Override
  Object data(GrayU8 img) {
    return img.data;
  }

  @Override
  void share(GrayU8 view, GrayU8 parent) {
    view.data = parent.data;
  }

  @Override
  double get(GrayU8 img, int x, int y, int band) {
    assertEquals(0, band, "gray");
    return img.get(x, y);
  }

  @Override
  void set(GrayU8 img, int x, int y, int band, double value) {
    assertEquals(0, band, "gray");
    img.set(x, y, (int) value);
  }

  @Override
  void fill(GrayU8 img, double value) {
    img.fill((int) value);
  }

  @Override
  void setTo(GrayU8 dst, GrayU8 src) {
    dst.setTo(src);
  }

  @Override
  GrayU8 copy(GrayU8 img) {
    return img.copy();
  }

  @Override
  double value(int i) {
    return (i * 37) % 256;
  }

  @Override
  double raw(GrayU8 img, int index) {
    return img.data[index] & 0xFF;
  }

  @Test
  void valuesAreUnsigned() {
    GrayU8 img = new GrayU8(3, 1);
    img.set(0, 0, 255);
    img.set(1, 0, 128);
    img.set(2, 0, 127);
    assertEquals(255, img.get(0, 0));
    assertEquals(128, img.get(1, 0));
    assertEquals(127, img.get(2, 0));
    assertEquals((byte) -1, img.data[0], "stored as the two's complement byte");
    img.fill(255);
    assertEquals(255, img.get(2, 0));
  }

  @Test
  void countHonoursTheWindowAndUnsignedValues() {
    GrayU8 img = new GrayU8(4, 3);
    img.fill(1);
    img.set(0, 0, 255);
    img.set(3, 2, 255);
    assertEquals(10, img.count(1));
    assertEquals(2, img.count(255));
    GrayU8 view = subimage(img, 1, 1, 3, 2);
    assertEquals(5, view.count(1), "only the window's pixels");
    assertEquals(1, view.count(255));
    assertEquals(0, view.count(0));
  }
}
