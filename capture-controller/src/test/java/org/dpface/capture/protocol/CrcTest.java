package org.dpface.capture.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CrcTest {
  private static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

  @Test
  void crc16CcittFalseCheckValue() {
    // Catalogue check value of CRC-16/CCITT-FALSE (reveng: CRC-16/IBM-3740).
    assertEquals(0x29B1, Crc.crc16(CHECK, 0, CHECK.length));
    assertEquals(0xFFFF, Crc.crc16(CHECK, 0, 0));
  }

  @Test
  void crc8SmbusCheckValue() {
    assertEquals(0xF4, Crc.crc8(CHECK, 0, CHECK.length));
  }

  @Test
  void tableMatchesBitwiseDefinition() {
    byte[] data = new byte[300];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 37 + 11);
    }
    for (int len = 0; len <= data.length; len += 13) {
      assertEquals(bitwise16(data, len), Crc.crc16(data, 0, len), "crc16 len " + len);
      assertEquals(bitwise8(data, len), Crc.crc8(data, 0, len), "crc8 len " + len);
    }
  }

  /** The bitwise loop from docs/trigger-protocol.md, as a firmware would write it. */
  private static int bitwise16(byte[] d, int len) {
    int crc = 0xFFFF;
    for (int i = 0; i < len; i++) {
      crc ^= (d[i] & 0xFF) << 8;
      for (int b = 0; b < 8; b++) {
        crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
      }
    }
    return crc;
  }

  private static int bitwise8(byte[] d, int len) {
    int crc = 0;
    for (int i = 0; i < len; i++) {
      crc ^= d[i] & 0xFF;
      for (int b = 0; b < 8; b++) {
        crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
      }
    }
    return crc;
  }
}
