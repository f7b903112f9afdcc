package org.dpface.capture.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random {@link Message}s of every type, covering field extremes. */
final class RandomMessages {
  private RandomMessages() {}

  static Message next(SplittableRandom r) {
    MessageType[] types = MessageType.values();
    MessageType t = types[r.nextInt(types.length)];
    return switch (t) {
      case HELLO -> new Message.Hello(u8(r));
      case ARM -> {
        int n = r.nextInt(Protocol.MAX_STEPS_PER_ARM + 1);
        List<Message.Step> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          steps.add(new Message.Step(u16(r), u32(r), u32(r)));
        }
        yield new Message.Arm(u16(r), u16(r), u16(r), steps);
      }
      case FIRE -> new Message.Fire(u16(r));
      case STATUS -> new Message.Status();
      case ABORT -> new Message.Abort();
      case PING -> new Message.Ping(r.nextLong());
      case REPORT -> new Message.Report(u16(r), u16(r), u8(r));
      case IDENTIFY, BOOT -> new Message.Identify(t == MessageType.BOOT, u8(r), u8(r), u8(r), u8(r), r.nextLong(),
          u8(r), u16(r), u16(r), u32(r), u32(r));
      case ARMED -> new Message.Armed(u16(r), u16(r), u16(r), u32(r));
      case FIRING -> new Message.Firing(u16(r), u16(r), r.nextLong(), u32(r));
      case STEP_DONE -> new Message.StepDone(u16(r), u16(r), u16(r), r.nextLong());
      case SEQUENCE_DONE -> new Message.SequenceDone(u16(r), u16(r), r.nextBoolean(), r.nextLong());
      case STATUS_REPORT -> new Message.StatusReport(state(r), u16(r), u16(r), u16(r), r.nextLong(), u32(r), u8(r));
      case ABORTED -> new Message.Aborted(u16(r), u16(r), state(r));
      case PONG -> new Message.Pong(r.nextLong(), r.nextLong(), u32(r));
      case STEP_LOG -> {
        int n = r.nextInt(Protocol.MAX_STEPS_PER_LOG + 1);
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          micros.add(r.nextLong());
        }
        yield new Message.StepLog(u16(r), u16(r), micros);
      }
      case ERROR -> new Message.Error(u8(r), u8(r), u16(r), u8(r));
    };
  }

  private static BoardState state(SplittableRandom r) {
    return BoardState.values()[r.nextInt(BoardState.values().length)];
  }

  /** Extremes (0, max) a quarter of the time each way, else uniform. */
  private static long pick(SplittableRandom r, long max) {
    int k = r.nextInt(8);
    return k == 0 ? 0 : k == 1 ? max : r.nextLong(max + 1);
  }

  private static int u8(SplittableRandom r) {
    return (int) pick(r, 0xFF);
  }

  private static int u16(SplittableRandom r) {
    return (int) pick(r, 0xFFFF);
  }

  private static long u32(SplittableRandom r) {
    return pick(r, 0xFFFF_FFFFL);
  }
}
