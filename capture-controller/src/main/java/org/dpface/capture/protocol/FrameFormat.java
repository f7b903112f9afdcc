package org.dpface.capture.protocol;

/**
 * Byte layout of one trigger-board frame and its encoder (docs/trigger-protocol.md, "Frame").
 *
 * <pre>
 * offset  size  field
 * 0       1     SYNC0 = 0xA5
 * 1       1     SYNC1 = 0x5A
 * 2       2     LEN   payload length, little-endian, 0..MAX_PAYLOAD
 * 4       1     SEQ   sequence number (host commands 1..255; 0 = unsolicited board frame)
 * 5       1     TYPE  message type
 * 6       1     HCRC  CRC-8/SMBUS over bytes 2..5
 * 7       LEN   PAYLOAD
 * 7+LEN   2     CRC   CRC-16/CCITT-FALSE over bytes 2..6+LEN, big-endian (high byte first)
 * </pre>
 *
 * Multi-byte payload fields are little-endian.
 */
public final class FrameFormat {
  /** First sync byte. */
  public static final int SYNC0 = 0xA5;
  /** Second sync byte. */
  public static final int SYNC1 = 0x5A;
  /** Bytes before the payload: sync (2) + length (2) + seq (1) + type (1) + header CRC (1). */
  public static final int HEADER_BYTES = 7;
  /** Bytes after the payload: the CRC-16. */
  public static final int TRAILER_BYTES = 2;
  /** Largest payload a board must accept (fits an Arduino Uno's RAM next to its sketch). */
  public static final int MAX_PAYLOAD = 512;
  /** Largest whole frame. */
  public static final int MAX_FRAME = HEADER_BYTES + MAX_PAYLOAD + TRAILER_BYTES;

  private FrameFormat() {}

  /** Size of a frame carrying {@code payloadLength} bytes. */
  public static int frameLength(int payloadLength) {
    return HEADER_BYTES + payloadLength + TRAILER_BYTES;
  }

  /**
   * Writes one frame into {@code out} at {@code outOff}.
   *
   * @return the number of bytes written, {@link #frameLength(int)} of {@code len}
   * @throws IllegalArgumentException if seq or type is outside 0..255, the payload is longer than
   *     {@link #MAX_PAYLOAD}, or {@code out} is too small
   */
  public static int encode(int seq, int type, byte[] payload, int off, int len, byte[] out, int outOff) {
    if ((seq & ~0xFF) != 0 || (type & ~0xFF) != 0) {
      throw new IllegalArgumentException("seq " + seq + " / type " + type + " not in 0..255");
    }
    if (len < 0 || len > MAX_PAYLOAD) {
      throw new IllegalArgumentException("payload length " + len + " not in 0.." + MAX_PAYLOAD);
    }
    if (out.length - outOff < frameLength(len)) {
      throw new IllegalArgumentException("output buffer too small for a " + frameLength(len) + "-byte frame");
    }
    int p = outOff;
    out[p++] = (byte) SYNC0;
    out[p++] = (byte) SYNC1;
    out[p++] = (byte) len;
    out[p++] = (byte) (len >>> 8);
    out[p++] = (byte) seq;
    out[p++] = (byte) type;
    out[p] = (byte) Crc.crc8(out, outOff + 2, 4);
    p++;
    System.arraycopy(payload, off, out, p, len);
    p += len;
    int crc = Crc.crc16(out, outOff + 2, p - outOff - 2);
    out[p++] = (byte) (crc >>> 8);
    out[p++] = (byte) crc;
    return p - outOff;
  }

  /** Allocating convenience form of {@link #encode(int, int, byte[], int, int, byte[], int)}. */
  public static byte[] encode(int seq, int type, byte[] payload) {
    byte[] out = new byte[frameLength(payload.length)];
    encode(seq, type, payload, 0, payload.length, out, 0);
    return out;
  }
}
