package org.dpface.capture.protocol;

/** Range checks for wire field widths. */
final class Fields {
  private Fields() {}

  static void u8(String name, int v) {
    if ((v & ~0xFF) != 0) {
      throw new IllegalArgumentException(name + " = " + v + " does not fit u8 (0..255)");
    }
  }

  static void u16(String name, int v) {
    if ((v & ~0xFFFF) != 0) {
      throw new IllegalArgumentException(name + " = " + v + " does not fit u16 (0..65535)");
    }
  }

  static void u32(String name, long v) {
    if ((v & ~0xFFFF_FFFFL) != 0) {
      throw new IllegalArgumentException(name + " = " + v + " does not fit u32 (0..4294967295)");
    }
  }
}
