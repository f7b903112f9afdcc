package org.dpface.capture.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Payload encoder/decoder for {@link Message}s; all multi-byte fields little-endian. Payload sizes (bytes):
 * HELLO 1, ARM 7 + 10 n (n &le; 50), FIRE 2, STATUS 0, ABORT 0, PING 8, REPORT 5, IDENTIFY/BOOT 25, ARMED 10,
 * FIRING 16, STEP_DONE 14, SEQUENCE_DONE 13, STATUS_REPORT 20, ABORTED 5, PONG 20, STEP_LOG 5 + 8 n
 * (n &le; 60), ERROR 5. Field order: docs/trigger-protocol.md.
 */
public final class MessageCodec {
  private MessageCodec() {}

  /** The payload bytes of {@code m} (allocates one array of the exact size). */
  public static byte[] encodePayload(Message m) {
    Out o = new Out();
    switch (m) {
      case Message.Hello h -> o.u8(h.protocolVersion());
      case Message.Arm a -> {
        o.u16(a.planId()).u16(a.totalSteps()).u16(a.offset()).u8(a.steps().size());
        for (Message.Step s : a.steps()) {
          o.u16(s.channelMask()).u32(s.delayMicros()).u32(s.pulseMicros());
        }
      }
      case Message.Fire f -> o.u16(f.planId());
      case Message.Status s -> { }
      case Message.Abort a -> { }
      case Message.Ping p -> o.u64(p.token());
      case Message.Report r -> o.u16(r.planId()).u16(r.fromStep()).u8(r.count());
      case Message.Identify i -> o.u8(i.protocolVersion()).u8(i.firmwareMajor()).u8(i.firmwareMinor())
          .u8(i.firmwarePatch()).u64(i.boardId()).u8(i.channelCount()).u16(i.maxSteps())
          .u16(i.timerResolutionNanos()).u32(i.bootNonce()).u32(i.bootCount());
      case Message.Armed a -> o.u16(a.planId()).u16(a.stepsReceived()).u16(a.totalSteps()).u32(a.bootNonce());
      case Message.Firing f -> o.u16(f.planId()).u16(f.totalSteps()).u64(f.fireMicros()).u32(f.bootNonce());
      case Message.StepDone s -> o.u16(s.planId()).u16(s.stepIndex()).u16(s.channelMask()).u64(s.boardMicros());
      case Message.SequenceDone s -> o.u16(s.planId()).u16(s.stepsFired()).u8(s.completed() ? 1 : 0)
          .u64(s.endMicros());
      case Message.StatusReport s -> o.u8(s.state().code()).u16(s.planId()).u16(s.stepsArmed())
          .u16(s.stepsFired()).u64(s.boardMicros()).u32(s.bootNonce()).u8(s.lastError());
      case Message.Aborted a -> o.u16(a.planId()).u16(a.stepsFired()).u8(a.previousState().code());
      case Message.Pong p -> o.u64(p.token()).u64(p.boardMicros()).u32(p.bootNonce());
      case Message.StepLog l -> {
        o.u16(l.planId()).u16(l.fromStep()).u8(l.micros().size());
        for (long t : l.micros()) {
          o.u64(t);
        }
      }
      case Message.Error e -> o.u8(e.code()).u8(e.offendingType()).u16(e.detail()).u8(e.boardState());
    }
    return o.toArray();
  }

  /** A whole frame carrying {@code m} with sequence number {@code seq}. */
  public static byte[] encodeFrame(int seq, Message m) {
    return FrameFormat.encode(seq, m.type().code(), encodePayload(m));
  }

  /**
   * Decodes the payload {@code p[off, off+len)} of a frame of type {@code typeCode}.
   *
   * @throws ProtocolException naming the type and the offending length, byte offset or field
   */
  public static Message decode(int typeCode, byte[] p, int off, int len) throws ProtocolException {
    MessageType type = MessageType.of(typeCode);
    if (type == null) {
      throw new ProtocolException(ErrorCode.UNKNOWN_TYPE, 0,
          String.format("unknown message type 0x%02X (%d-byte payload)", typeCode, len));
    }
    In in = new In(type, p, off, len);
    return switch (type) {
      case HELLO -> { in.expect(1); yield new Message.Hello(in.u8()); }
      case ARM -> decodeArm(in);
      case FIRE -> { in.expect(2); yield new Message.Fire(in.u16()); }
      case STATUS -> { in.expect(0); yield new Message.Status(); }
      case ABORT -> { in.expect(0); yield new Message.Abort(); }
      case PING -> { in.expect(8); yield new Message.Ping(in.u64()); }
      case REPORT -> { in.expect(5); yield new Message.Report(in.u16(), in.u16(), in.u8()); }
      case IDENTIFY, BOOT -> {
        in.expect(25);
        yield new Message.Identify(type == MessageType.BOOT, in.u8(), in.u8(), in.u8(), in.u8(), in.u64(),
            in.u8(), in.u16(), in.u16(), in.u32(), in.u32());
      }
      case ARMED -> { in.expect(10); yield new Message.Armed(in.u16(), in.u16(), in.u16(), in.u32()); }
      case FIRING -> { in.expect(16); yield new Message.Firing(in.u16(), in.u16(), in.u64(), in.u32()); }
      case STEP_DONE -> { in.expect(14); yield new Message.StepDone(in.u16(), in.u16(), in.u16(), in.u64()); }
      case SEQUENCE_DONE -> {
        in.expect(13);
        int plan = in.u16();
        int fired = in.u16();
        boolean completed = in.bool("completed");
        yield new Message.SequenceDone(plan, fired, completed, in.u64());
      }
      case STATUS_REPORT -> {
        in.expect(20);
        BoardState state = in.state("state");
        yield new Message.StatusReport(state, in.u16(), in.u16(), in.u16(), in.u64(), in.u32(), in.u8());
      }
      case ABORTED -> {
        in.expect(5);
        int plan = in.u16();
        int fired = in.u16();
        yield new Message.Aborted(plan, fired, in.state("previousState"));
      }
      case PONG -> { in.expect(20); yield new Message.Pong(in.u64(), in.u64(), in.u32()); }
      case STEP_LOG -> decodeStepLog(in);
      case ERROR -> { in.expect(5); yield new Message.Error(in.u8(), in.u8(), in.u16(), in.u8()); }
    };
  }

  private static Message decodeArm(In in) throws ProtocolException {
    in.atLeast(Protocol.ARM_HEADER_BYTES);
    int plan = in.u16();
    int total = in.u16();
    int offset = in.u16();
    int count = in.u8();
    if (count > Protocol.MAX_STEPS_PER_ARM) {
      throw new ProtocolException(ErrorCode.BAD_PAYLOAD, 6, "ARM: step count " + count + " at byte 6 exceeds "
          + Protocol.MAX_STEPS_PER_ARM + " per frame");
    }
    in.expect(Protocol.ARM_HEADER_BYTES + Protocol.ARM_STEP_BYTES * count);
    List<Message.Step> steps = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      steps.add(new Message.Step(in.u16(), in.u32(), in.u32()));
    }
    return new Message.Arm(plan, total, offset, steps);
  }

  private static Message decodeStepLog(In in) throws ProtocolException {
    in.atLeast(5);
    int plan = in.u16();
    int from = in.u16();
    int count = in.u8();
    if (count > Protocol.MAX_STEPS_PER_LOG) {
      throw new ProtocolException(ErrorCode.BAD_PAYLOAD, 4, "STEP_LOG: count " + count + " at byte 4 exceeds "
          + Protocol.MAX_STEPS_PER_LOG);
    }
    in.expect(5 + 8 * count);
    List<Long> micros = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      micros.add(in.u64());
    }
    return new Message.StepLog(plan, from, micros);
  }

  /** Little-endian writer into a frame-sized scratch array. */
  private static final class Out {
    private final byte[] b = new byte[FrameFormat.MAX_PAYLOAD];
    private int n;

    Out u8(int v) {
      b[n++] = (byte) v;
      return this;
    }

    Out u16(int v) {
      return u8(v).u8(v >>> 8);
    }

    Out u32(long v) {
      return u16((int) v).u16((int) (v >>> 16));
    }

    Out u64(long v) {
      return u32(v & 0xFFFF_FFFFL).u32(v >>> 32);
    }

    byte[] toArray() {
      return java.util.Arrays.copyOf(b, n);
    }
  }

  /** Little-endian reader with the length and field checks. */
  private static final class In {
    private final MessageType type;
    private final byte[] p;
    private final int off;
    private final int len;
    private int pos;

    In(MessageType type, byte[] p, int off, int len) {
      this.type = type;
      this.p = p;
      this.off = off;
      this.len = len;
    }

    void expect(int n) throws ProtocolException {
      if (len != n) {
        throw new ProtocolException(ErrorCode.BAD_LENGTH, len,
            type + ": payload is " + len + " bytes, expected " + n);
      }
    }

    void atLeast(int n) throws ProtocolException {
      if (len < n) {
        throw new ProtocolException(ErrorCode.BAD_LENGTH, len,
            type + ": payload is " + len + " bytes, expected at least " + n);
      }
    }

    int u8() {
      return p[off + pos++] & 0xFF;
    }

    int u16() {
      return u8() | (u8() << 8);
    }

    long u32() {
      return (u16() & 0xFFFFL) | ((long) u16() << 16);
    }

    long u64() {
      return u32() | (u32() << 32);
    }

    boolean bool(String field) throws ProtocolException {
      int at = pos;
      int v = u8();
      if (v > 1) {
        throw new ProtocolException(ErrorCode.BAD_PAYLOAD, at,
            type + ": field " + field + " at byte " + at + " is " + v + ", expected 0 or 1");
      }
      return v == 1;
    }

    BoardState state(String field) throws ProtocolException {
      int at = pos;
      int v = u8();
      BoardState s = BoardState.of(v);
      if (s == null) {
        throw new ProtocolException(ErrorCode.BAD_PAYLOAD, at,
            type + ": field " + field + " at byte " + at + " is " + v + ", not a board state");
      }
      return s;
    }
  }
}
