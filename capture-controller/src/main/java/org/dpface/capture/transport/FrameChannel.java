package org.dpface.capture.transport;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import org.dpface.capture.protocol.Frame;
import org.dpface.capture.protocol.FrameDecoder;
import org.dpface.capture.protocol.Message;
import org.dpface.capture.protocol.MessageCodec;
import org.dpface.capture.protocol.ProtocolException;

/**
 * Frames over a {@link SerialLink}: sends encoded messages and returns received frames one at a time, each
 * either decoded or marked corrupt/malformed (so the caller can retry early instead of waiting for a
 * timeout). A partial frame followed by {@link #IDLE_ABANDON_MILLIS} of silence is abandoned and the
 * buffered bytes rescanned. Not thread safe: one caller at a time.
 */
public final class FrameChannel implements Closeable {
  /** Silence after which a half-received frame is given up. At 115200 baud a max frame takes 45 ms. */
  public static final int IDLE_ABANDON_MILLIS = 50;

  private final SerialLink link;
  private final FrameDecoder decoder = new FrameDecoder();
  private final ArrayDeque<Frame> ready = new ArrayDeque<>();
  private final byte[] readBuf = new byte[1024];
  private final FrameDecoder.Listener listener = new FrameDecoder.Listener() {
    @Override
    public void onFrame(int seq, int type, byte[] payload, int off, int len) {
      try {
        ready.add(new Frame(seq, type, MessageCodec.decode(type, payload, off, len), null, null));
      } catch (ProtocolException e) {
        ready.add(new Frame(seq, type, null, null, e));
      }
    }

    @Override
    public void onCorrupt(FrameDecoder.Corruption what, int seq, int type, int declaredLength) {
      ready.add(new Frame(seq, type, null, what, null));
    }
  };
  private long lastByteNanos = System.nanoTime();

  /** @param link the link; closed by {@link #close()} */
  public FrameChannel(SerialLink link) {
    this.link = link;
  }

  /** The link's name (port path). */
  public String name() {
    return link.name();
  }

  /** Sends {@code m} in one frame with sequence number {@code seq}. */
  public void send(int seq, Message m) throws IOException {
    byte[] frame = MessageCodec.encodeFrame(seq, m);
    link.write(frame, 0, frame.length);
  }

  /**
   * The next received frame, or null if none completed before {@code deadlineNanos}
   * ({@link System#nanoTime()} scale).
   *
   * @throws PortClosedException if the port went away
   */
  public Frame receive(long deadlineNanos) throws IOException {
    while (ready.isEmpty()) {
      long now = System.nanoTime();
      long left = deadlineNanos - now;
      if (left <= 0) {
        return null;
      }
      int waitMillis = (int) Math.max(1, Math.min(IDLE_ABANDON_MILLIS, (left + 999_999) / 1_000_000));
      int n = link.read(readBuf, 0, readBuf.length, waitMillis);
      now = System.nanoTime();
      if (n > 0) {
        lastByteNanos = now;
        decoder.feed(readBuf, 0, n, listener);
      } else if (decoder.hasPartial() && now - lastByteNanos > IDLE_ABANDON_MILLIS * 1_000_000L) {
        decoder.abandonPartial(listener);
      }
    }
    return ready.poll();
  }

  /** Drops buffered input (queued frames and any partial frame). */
  public void discardInput() {
    ready.clear();
    decoder.reset();
  }

  /** The decoder, for its error counters. */
  public FrameDecoder decoder() {
    return decoder;
  }

  @Override
  public void close() throws IOException {
    link.close();
  }
}
