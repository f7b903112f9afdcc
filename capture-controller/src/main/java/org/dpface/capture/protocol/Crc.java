package org.dpface.capture.protocol;

/**
 * The two checksums of the trigger-board frame (docs/trigger-protocol.md).
 *
 * <ul>
 *   <li>{@link #crc8} is CRC-8/SMBUS: polynomial 0x07, init 0x00, no reflection, xorout 0x00; check value
 *       {@code crc8("123456789") = 0xF4}. It guards the frame header (length, sequence, type).</li>
 *   <li>{@link #crc16} is CRC-16/CCITT-FALSE (also catalogued as CRC-16/IBM-3740): polynomial 0x1021,
 *       init 0xFFFF, no reflection, xorout 0x0000; check value {@code crc16("123456789") = 0x29B1}. It guards
 *       the whole frame after the sync bytes.</li>
 * </ul>
 *
 * <p>Parameters as catalogued in Greg Cook's "Catalogue of parametrised CRC algorithms" (reveng). Both are
 * table driven (256-entry tables built once); a microcontroller can use the bitwise form from the protocol
 * document with identical results.
 */
public final class Crc {
  private static final int[] TABLE8 = new int[256];
  private static final int[] TABLE16 = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int c8 = i;
      for (int b = 0; b < 8; b++) {
        c8 = (c8 & 0x80) != 0 ? ((c8 << 1) ^ 0x07) & 0xFF : (c8 << 1) & 0xFF;
      }
      TABLE8[i] = c8;
      int c16 = i << 8;
      for (int b = 0; b < 8; b++) {
        c16 = (c16 & 0x8000) != 0 ? ((c16 << 1) ^ 0x1021) & 0xFFFF : (c16 << 1) & 0xFFFF;
      }
      TABLE16[i] = c16;
    }
  }

  private Crc() {}

  /** CRC-8/SMBUS of {@code data[off, off+len)}; result in 0..255. */
  public static int crc8(byte[] data, int off, int len) {
    int crc = 0;
    for (int i = off, end = off + len; i < end; i++) {
      crc = TABLE8[(crc ^ data[i]) & 0xFF];
    }
    return crc;
  }

  /** CRC-16/CCITT-FALSE of {@code data[off, off+len)}; result in 0..65535. */
  public static int crc16(byte[] data, int off, int len) {
    int crc = 0xFFFF;
    for (int i = off, end = off + len; i < end; i++) {
      crc = ((crc << 8) & 0xFFFF) ^ TABLE16[((crc >>> 8) ^ data[i]) & 0xFF];
    }
    return crc;
  }
}
