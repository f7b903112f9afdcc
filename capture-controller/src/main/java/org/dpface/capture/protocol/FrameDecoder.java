package org.dpface.capture.protocol;

/**
 * Incremental decoder for trigger-board frames ({@link FrameFormat}): accepts arbitrary byte chunks, finds
 * frames, resynchronises after garbage and never holds more than {@link FrameFormat#MAX_FRAME} bytes.
 *
 * <p>Algorithm overview:
 * <ol>
 *   <li>Skip bytes until SYNC0 SYNC1.</li>
 *   <li>Once the 7 header bytes are there, check the header CRC-8; on failure drop one byte and rescan (so a
 *       sync pair that happens to occur in garbage can never swallow a real frame behind it).</li>
 *   <li>A valid header with LEN &gt; MAX_PAYLOAD is reported as {@link Listener#onCorrupt bad length}; drop one
 *       byte, rescan.</li>
 *   <li>Wait for LEN + 2 more bytes, check the CRC-16; on failure report {@link Listener#onCorrupt bad CRC},
 *       drop one byte and rescan (bytes after the false start are re-examined, not thrown away).</li>
 *   <li>On success hand the frame to the listener and consume it.</li>
 * </ol>
 *
 * <p>The payload passed to {@link Listener#onFrame} is a view into the decoder's own buffer, valid only
 * during the call. Not thread safe. Allocation: one buffer of {@link FrameFormat#MAX_FRAME} bytes, at
 * construction.
 */
public final class FrameDecoder {

  /** Why a frame with a valid header was rejected. */
  public enum Corruption { BAD_LENGTH, BAD_CRC }

  /** Receives decoded frames and rejected frames whose header (seq, type) could still be trusted. */
  public interface Listener {
    /** A frame whose header CRC-8 and CRC-16 both check. {@code payload[off, off+len)} is only valid now. */
    void onFrame(int seq, int type, byte[] payload, int off, int len);

    /** A frame whose header checked but whose length or body did not. Default: ignore. */
    default void onCorrupt(Corruption what, int seq, int type, int declaredLength) {}
  }

  private final byte[] buf = new byte[FrameFormat.MAX_FRAME];
  private int start;
  private int end;
  private long garbageBytes;
  private long headerErrors;
  private long lengthErrors;
  private long crcErrors;
  private long frames;

  /**
   * Feeds {@code data[off, off+len)}; calls the listener for every frame completed by these bytes, in
   * stream order.
   */
  public void feed(byte[] data, int off, int len, Listener listener) {
    int pos = off;
    int stop = off + len;
    while (pos < stop) {
      if (end == buf.length) {
        compact();
      }
      int n = Math.min(stop - pos, buf.length - end);
      System.arraycopy(data, pos, buf, end, n);
      end += n;
      pos += n;
      parse(listener);
    }
  }

  /**
   * Gives up on a frame that has started but not completed (call after an inter-byte silence, or at end of
   * input): the first byte of the partial frame is dropped and the rest rescanned, so complete frames
   * hidden behind a false sync are still found.
   */
  public void abandonPartial(Listener listener) {
    while (end - start > 0) {
      start++;
      garbageBytes++;
      parse(listener);
    }
    start = 0;
    end = 0;
  }

  /** True if bytes of an incomplete frame (or a lone sync byte) are buffered. */
  public boolean hasPartial() {
    return end > start;
  }

  /** Discards everything buffered (after a reconnect). */
  public void reset() {
    start = 0;
    end = 0;
  }

  private void parse(Listener listener) {
    while (true) {
      int avail = end - start;
      if (avail == 0) {
        start = 0;
        end = 0;
        return;
      }
      if ((buf[start] & 0xFF) != FrameFormat.SYNC0) {
        int i = start + 1;
        while (i < end && (buf[i] & 0xFF) != FrameFormat.SYNC0) {
          i++;
        }
        garbageBytes += i - start;
        start = i;
        continue;
      }
      if (avail < 2) {
        return;
      }
      if ((buf[start + 1] & 0xFF) != FrameFormat.SYNC1) {
        skipOne();
        continue;
      }
      if (avail < FrameFormat.HEADER_BYTES) {
        return;
      }
      if (Crc.crc8(buf, start + 2, 4) != (buf[start + 6] & 0xFF)) {
        headerErrors++;
        skipOne();
        continue;
      }
      int len = (buf[start + 2] & 0xFF) | ((buf[start + 3] & 0xFF) << 8);
      int seq = buf[start + 4] & 0xFF;
      int type = buf[start + 5] & 0xFF;
      if (len > FrameFormat.MAX_PAYLOAD) {
        lengthErrors++;
        listener.onCorrupt(Corruption.BAD_LENGTH, seq, type, len);
        skipOne();
        continue;
      }
      int total = FrameFormat.frameLength(len);
      if (avail < total) {
        if (start + total > buf.length) {
          compact();
        }
        return;
      }
      int crcAt = start + FrameFormat.HEADER_BYTES + len;
      int crc = ((buf[crcAt] & 0xFF) << 8) | (buf[crcAt + 1] & 0xFF);
      if (Crc.crc16(buf, start + 2, total - 4) != crc) {
        crcErrors++;
        listener.onCorrupt(Corruption.BAD_CRC, seq, type, len);
        skipOne();
        continue;
      }
      frames++;
      int payloadAt = start + FrameFormat.HEADER_BYTES;
      start += total;
      listener.onFrame(seq, type, buf, payloadAt, len);
    }
  }

  private void skipOne() {
    start++;
    garbageBytes++;
  }

  private void compact() {
    int n = end - start;
    System.arraycopy(buf, start, buf, 0, n);
    start = 0;
    end = n;
  }

  /** Bytes skipped while hunting for a frame start (garbage, false syncs, rejected frames' first bytes). */
  public long garbageBytes() {
    return garbageBytes;
  }

  /** Headers rejected by their CRC-8. */
  public long headerErrors() {
    return headerErrors;
  }

  /** Valid headers declaring a payload longer than {@link FrameFormat#MAX_PAYLOAD}. */
  public long lengthErrors() {
    return lengthErrors;
  }

  /** Frames rejected by their CRC-16. */
  public long crcErrors() {
    return crcErrors;
  }

  /** Frames delivered. */
  public long frames() {
    return frames;
  }

  /** Capacity of the internal buffer; constant, the decoder never grows. */
  public int capacity() {
    return buf.length;
  }
}
