package org.dpface.capture.protocol;

import java.util.ArrayList;
import java.util.List;

/** Decoder listener that decodes and keeps every intact frame, and counts corrupt ones. */
final class Collector implements FrameDecoder.Listener {
  final List<Integer> seqs = new ArrayList<>();
  final List<Message> messages = new ArrayList<>();
  int corrupt;

  @Override
  public void onFrame(int seq, int type, byte[] payload, int off, int len) {
    try {
      messages.add(MessageCodec.decode(type, payload, off, len));
      seqs.add(seq);
    } catch (ProtocolException e) {
      throw new AssertionError("valid frame failed to decode: " + e.getMessage(), e);
    }
  }

  @Override
  public void onCorrupt(FrameDecoder.Corruption what, int seq, int type, int declaredLength) {
    corrupt++;
  }
}
