package org.dpface.capture.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Properties of the frame encoder + incremental decoder (docs/trigger-protocol.md, "Frame"). */
class FrameCodecPropertiesTest {
  private static final long SEED = 0x7A1C_6E42L;
  private static final int EXAMPLES = 400;

  @Test
  void randomMessagesRoundTripThroughArbitraryChunks() {
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      SplittableRandom r = new SplittableRandom(seed);
      Message m = RandomMessages.next(r);
      int seq = r.nextInt(256);
      byte[] frame = MessageCodec.encodeFrame(seq, m);
      assertEquals(FrameFormat.frameLength(MessageCodec.encodePayload(m).length), frame.length);
      FrameDecoder d = new FrameDecoder();
      Collector c = new Collector();
      feedInChunks(d, frame, r, c);
      assertEquals(List.of(m), c.messages);
      assertEquals(List.of(seq), c.seqs);
      assertEquals(0, c.corrupt);
      assertTrue(!d.hasPartial(), "nothing left over after a whole frame");
    });
  }

  @Test
  void garbageInterleavedWithFramesYieldsExactlyTheFrames() {
    qt().withFixedSeed(SEED).withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
      SplittableRandom r = new SplittableRandom(seed);
      int n = 1 + r.nextInt(8);
      List<Message> sent = new ArrayList<>();
      List<Integer> seqs = new ArrayList<>();
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      for (int i = 0; i < n; i++) {
        stream.writeBytes(garbage(r));
        Message m = RandomMessages.next(r);
        int seq = r.nextInt(256);
        sent.add(m);
        seqs.add(seq);
        stream.writeBytes(MessageCodec.encodeFrame(seq, m));
      }
      stream.writeBytes(garbage(r));
      FrameDecoder d = new FrameDecoder();
      Collector c = new Collector();
      feedInChunks(d, stream.toByteArray(), r, c);
      d.abandonPartial(c); // end of input: a false start in the trailing garbage must not hide anything
      assertEquals(sent, c.messages);
      assertEquals(seqs, c.seqs);
    });
  }

  @Test
  void everySingleBitFlipIsDetected() {
    qt().withFixedSeed(SEED).withExamples(EXAMPLES)
        .forAll(longs().all(), integers().between(0, Integer.MAX_VALUE)).checkAssert((seed, bitPick) -> {
          SplittableRandom r = new SplittableRandom(seed);
          byte[] frame = MessageCodec.encodeFrame(r.nextInt(256), RandomMessages.next(r));
          int bit = bitPick % (frame.length * 8);
          frame[bit >>> 3] ^= (byte) (1 << (bit & 7));
          FrameDecoder d = new FrameDecoder();
          Collector c = new Collector();
          feedInChunks(d, frame, r, c);
          d.abandonPartial(c);
          assertEquals(List.of(), c.messages, "bit " + bit + " of a " + frame.length + "-byte frame flipped");
        });
  }

  @Test
  void everyBitOfOneFrameExhaustively() {
    byte[] clean = MessageCodec.encodeFrame(7, new Message.StepDone(3, 41, 0x00FF, 123_456_789L));
    for (int bit = 0; bit < clean.length * 8; bit++) {
      byte[] frame = clean.clone();
      frame[bit >>> 3] ^= (byte) (1 << (bit & 7));
      FrameDecoder d = new FrameDecoder();
      Collector c = new Collector();
      d.feed(frame, 0, frame.length, c);
      d.abandonPartial(c);
      assertEquals(List.of(), c.messages, "bit " + bit);
    }
  }

  /**
   * Why the header has its own CRC: a PING whose token is crafted so that, once bit 3 of LEN is flipped
   * (LEN 8 -> 0), the first two payload bytes are a valid CRC-16 of the shortened frame. Only the header
   * CRC-8 rejects it; a trailing CRC alone would accept a forged empty frame.
   */
  @Test
  void lengthFlipCannotForgeAShorterFrame() {
    int seq = 5;
    byte[] shortened = {0, 0, (byte) seq, (byte) MessageType.PING.code(), 0};
    byte[] probe = MessageCodec.encodeFrame(seq, new Message.Ping(0));
    shortened[4] = probe[6]; // the HCRC byte of the original header (it does not depend on the payload)
    int crc = Crc.crc16(shortened, 0, 5);
    long token = ((crc >>> 8) & 0xFF) | ((long) (crc & 0xFF) << 8);
    byte[] frame = MessageCodec.encodeFrame(seq, new Message.Ping(token));
    frame[2] ^= 0x08;
    assertEquals(crc, ((frame[7] & 0xFF) << 8) | (frame[8] & 0xFF), "forged CRC in place");
    int[] frames = new int[1];
    FrameDecoder d = new FrameDecoder();
    FrameDecoder.Listener count = (s, t, p, o, l) -> frames[0]++;
    d.feed(frame, 0, frame.length, count);
    d.abandonPartial(count);
    assertEquals(0, frames[0]);
    assertEquals(1, d.headerErrors());
  }

  @Test
  void decoderMemoryStaysBoundedUnderEndlessGarbage() {
    SplittableRandom r = new SplittableRandom(SEED);
    FrameDecoder d = new FrameDecoder();
    Collector c = new Collector();
    byte[] chunk = new byte[4096];
    // Worst case: every byte a sync start, so the decoder keeps finding false starts.
    for (int k = 0; k < 64; k++) {
      for (int i = 0; i < chunk.length; i++) {
        chunk[i] = (byte) (r.nextInt(4) == 0 ? FrameFormat.SYNC0 : r.nextInt(256));
      }
      d.feed(chunk, 0, chunk.length, c);
      assertEquals(FrameFormat.MAX_FRAME, d.capacity());
    }
    d.abandonPartial(c);
    Message m = new Message.Ping(42);
    byte[] frame = MessageCodec.encodeFrame(9, m);
    d.feed(frame, 0, frame.length, c);
    assertEquals(List.of(m), c.messages.subList(c.messages.size() - 1, c.messages.size()));
  }

  @Test
  void frameLayoutIsByteExact() {
    byte[] frame = MessageCodec.encodeFrame(0x12, new Message.Fire(0x0304));
    byte[] header = {(byte) 0xA5, 0x5A, 0x02, 0x00, 0x12, 0x03};
    for (int i = 0; i < header.length; i++) {
      assertEquals(header[i], frame[i], "header byte " + i);
    }
    assertEquals(Crc.crc8(frame, 2, 4), frame[6] & 0xFF);
    assertArrayEquals(new byte[] {0x04, 0x03}, new byte[] {frame[7], frame[8]});
    int crc = Crc.crc16(frame, 2, 7);
    assertEquals(crc >>> 8, frame[9] & 0xFF);
    assertEquals(crc & 0xFF, frame[10] & 0xFF);
    assertEquals(11, frame.length);
  }

  private static byte[] garbage(SplittableRandom r) {
    int len = r.nextInt(4) == 0 ? 0 : r.nextInt(80);
    byte[] g = new byte[len];
    for (int i = 0; i < len; i++) {
      int k = r.nextInt(10);
      // Bias towards the sync bytes and towards copies of real headers to provoke false starts.
      g[i] = (byte) (k == 0 ? FrameFormat.SYNC0 : k == 1 ? FrameFormat.SYNC1 : r.nextInt(256));
    }
    if (len > 12 && r.nextBoolean()) {
      byte[] frame = MessageCodec.encodeFrame(r.nextInt(256), RandomMessages.next(r));
      int cut = 1 + r.nextInt(Math.min(frame.length - 1, len - 1)); // a truncated real frame
      System.arraycopy(frame, 0, g, len - cut, cut);
    }
    return g;
  }

  private static void feedInChunks(FrameDecoder d, byte[] data, SplittableRandom r, Collector c) {
    int pos = 0;
    while (pos < data.length) {
      int n = Math.min(data.length - pos, 1 + r.nextInt(r.nextBoolean() ? 8 : 700));
      d.feed(data, pos, n, c);
      pos += n;
    }
  }
}
