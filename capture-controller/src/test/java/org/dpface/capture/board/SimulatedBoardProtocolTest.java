package org.dpface.capture.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.dpface.capture.protocol.BoardState;
import org.dpface.capture.protocol.ErrorCode;
import org.dpface.capture.protocol.Frame;
import org.dpface.capture.protocol.FrameFormat;
import org.dpface.capture.protocol.Message;
import org.dpface.capture.protocol.MessageCodec;
import org.dpface.capture.protocol.MessageType;
import org.dpface.capture.transport.FrameChannel;
import org.dpface.capture.transport.JSerialCommLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's refusals and duplicate memory, driven with raw frames over a pty. */
class SimulatedBoardProtocolTest {
  private static final Duration TEST_LIMIT = Duration.ofSeconds(5);
  private static final long REPLY_NANOS = 500_000_000L;

  @TempDir
  Path dir;
  private PtyRig rig;
  private JSerialCommLink link;
  private FrameChannel ch;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(PtyPair.socatAvailable(), PtyPair.NO_SOCAT);
    rig = new PtyRig(dir, 5, SimulatedBoard.builder().optChannelCount(12).optMaxSteps(100));
    link = JSerialCommLink.open(rig.hostPath(), 115_200);
    ch = new FrameChannel(link);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (link != null) {
      link.close();
    }
    if (rig != null) {
      rig.close();
    }
  }

  /** Sends and returns the first intact frame with this seq (skipping e.g. the BOOT banner). */
  private Message call(int seq, Message m) throws Exception {
    ch.send(seq, m);
    return awaitSeq(seq);
  }

  private Message awaitSeq(int seq) throws Exception {
    long deadline = System.nanoTime() + REPLY_NANOS;
    while (true) {
      Frame f = ch.receive(deadline);
      assertNotNull(f, "reply to seq " + seq);
      if (f.seq() == seq && f.intact()) {
        return f.message();
      }
    }
  }

  private static void assertError(ErrorCode code, int detail, Message reply) {
    Message.Error e = assertInstanceOf(Message.Error.class, reply);
    assertEquals(code, e.errorCode());
    assertEquals(detail, e.detail());
  }

  private static Message.Arm arm(int plan, int total, int offset, int n, int mask) {
    return new Message.Arm(plan, total, offset, Collections.nCopies(n, new Message.Step(mask, 100, 50)));
  }

  @Test
  void refusalsCarryTheRightCodeAndDetail() {
    assertTimeoutPreemptively(TEST_LIMIT, () -> {
      assertError(ErrorCode.VERSION_MISMATCH, 1, call(1, new Message.Hello(9)));
      assertInstanceOf(Message.Identify.class, call(2, new Message.Hello(1)));
      assertError(ErrorCode.BAD_STATE, BoardState.IDLE.code(), call(3, new Message.Fire(1)));
      assertError(ErrorCode.SEQUENCE_TOO_LONG, 100, call(4, arm(1, 101, 0, 1, 1)));
      // Channel 12 on a 12-channel board: the mask of step 0 sits at payload byte 7.
      assertError(ErrorCode.BAD_PAYLOAD, 7, call(5, arm(1, 2, 0, 2, 1 << 12)));
      assertEquals(1, ((Message.Armed) call(6, arm(7, 2, 0, 1, 1))).stepsReceived());
      assertError(ErrorCode.BAD_PAYLOAD, 4, call(7, arm(7, 2, 5, 1, 1))); // gap in chunk offsets
      assertError(ErrorCode.BAD_STATE, BoardState.IDLE.code(), call(8, new Message.Fire(7))); // incomplete
      assertError(ErrorCode.UNKNOWN_TYPE, 0, call(9, new Message.Pong(1, 2, 3))); // board message sent to board
    });
  }

  @Test
  void damagedAndUnknownFramesAreAnsweredWithErrors() {
    assertTimeoutPreemptively(TEST_LIMIT, () -> {
      byte[] frame = MessageCodec.encodeFrame(11, new Message.Ping(77));
      frame[9] ^= 0x10; // payload bit: header still checks, CRC-16 does not
      link.write(frame, 0, frame.length);
      assertError(ErrorCode.BAD_CRC, 8, awaitSeq(11));
      byte[] unknown = FrameFormat.encode(12, 0x42, new byte[3]);
      link.write(unknown, 0, unknown.length);
      assertError(ErrorCode.UNKNOWN_TYPE, 0, awaitSeq(12));
      byte[] bad = FrameFormat.encode(14, MessageType.FIRE.code(), new byte[3]);
      link.write(bad, 0, bad.length);
      assertError(ErrorCode.BAD_LENGTH, 3, awaitSeq(14));
      assertEquals(ErrorCode.BAD_LENGTH.code(), ((Message.StatusReport) call(15, new Message.Status())).lastError());
      assertInstanceOf(Message.Pong.class, call(16, new Message.Ping(5))); // still in sync after all that
    });
  }

  @Test
  void duplicateCommandIsAnsweredFromMemoryNotExecutedTwice() {
    assertTimeoutPreemptively(TEST_LIMIT, () -> {
      call(1, new Message.Hello(1));
      call(2, new Message.Arm(3, 1, 0, List.of(new Message.Step(1, 300_000, 50))));
      Message.Firing first = (Message.Firing) call(3, new Message.Fire(3));
      Message.Firing again = (Message.Firing) call(3, new Message.Fire(3)); // same seq: a host retry
      assertEquals(first, again);
      assertError(ErrorCode.BUSY, 0, call(4, arm(9, 1, 0, 1, 1))); // the 300 ms delay is still running (long enough for a loaded machine)
      Thread.sleep(600);
      Message.StatusReport st = (Message.StatusReport) call(5, new Message.Status());
      assertEquals(BoardState.DONE, st.state());
      assertEquals(1, st.stepsFired());
      Message.StepLog log = (Message.StepLog) call(6, new Message.Report(3, 0, 60));
      assertEquals(1, log.micros().size());
      assertEquals(true, log.micros().get(0) - first.fireMicros() >= 300_000);
    });
  }
}
