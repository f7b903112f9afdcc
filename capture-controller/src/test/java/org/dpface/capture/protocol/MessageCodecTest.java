package org.dpface.capture.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Payload layouts and the decoder's refusals. */
class MessageCodecTest {

  @Test
  void armPayloadLayoutIsLittleEndian() {
    byte[] p = MessageCodec.encodePayload(new Message.Arm(0x0102, 3, 0,
        List.of(new Message.Step(0x0A0B, 0x11223344L, 0x55667788L))));
    byte[] want = {0x02, 0x01, 0x03, 0x00, 0x00, 0x00, 0x01, 0x0B, 0x0A, 0x44, 0x33, 0x22, 0x11,
        (byte) 0x88, 0x77, 0x66, 0x55};
    assertEquals(java.util.Arrays.toString(want), java.util.Arrays.toString(p));
  }

  @Test
  void payloadSizesMatchTheDocument() {
    assertEquals(25, MessageCodec.encodePayload(new Message.Identify(false, 1, 1, 0, 0, 1, 16, 256, 1000, 1, 1)).length);
    assertEquals(14, MessageCodec.encodePayload(new Message.StepDone(1, 2, 3, 4)).length);
    assertEquals(20, MessageCodec.encodePayload(new Message.StatusReport(BoardState.DONE, 1, 2, 3, 4, 5, 0)).length);
    assertEquals(20, MessageCodec.encodePayload(new Message.Pong(1, 2, 3)).length);
    assertEquals(5 + 8 * 2, MessageCodec.encodePayload(new Message.StepLog(1, 0, List.of(1L, 2L))).length);
    assertEquals(7 + 10 * 50, MessageCodec.encodePayload(new Message.Arm(1, 50, 0,
        java.util.Collections.nCopies(50, new Message.Step(1, 2, 3)))).length);
    assertTrue(7 + 10 * Protocol.MAX_STEPS_PER_ARM <= FrameFormat.MAX_PAYLOAD);
    assertTrue(5 + 8 * Protocol.MAX_STEPS_PER_LOG <= FrameFormat.MAX_PAYLOAD);
  }

  @Test
  void wrongLengthIsRefusedNamingTypeAndLength() {
    ProtocolException e = assertThrows(ProtocolException.class,
        () -> MessageCodec.decode(MessageType.FIRE.code(), new byte[3], 0, 3));
    assertEquals(ErrorCode.BAD_LENGTH, e.code());
    assertEquals(3, e.detail());
    assertTrue(e.getMessage().contains("FIRE") && e.getMessage().contains("expected 2"), e.getMessage());
  }

  @Test
  void armWhoseCountDisagreesWithItsLengthIsRefused() {
    byte[] p = MessageCodec.encodePayload(new Message.Arm(1, 2, 0, List.of(new Message.Step(1, 2, 3))));
    p[6] = 2; // claims two steps, carries one
    ProtocolException e = assertThrows(ProtocolException.class,
        () -> MessageCodec.decode(MessageType.ARM.code(), p, 0, p.length));
    assertEquals(ErrorCode.BAD_LENGTH, e.code());
    p[6] = 51;
    e = assertThrows(ProtocolException.class, () -> MessageCodec.decode(MessageType.ARM.code(), p, 0, p.length));
    assertEquals(ErrorCode.BAD_PAYLOAD, e.code());
    assertEquals(6, e.detail());
  }

  @Test
  void unknownTypeAndBadFieldsAreRefused() {
    ProtocolException e = assertThrows(ProtocolException.class, () -> MessageCodec.decode(0x42, new byte[0], 0, 0));
    assertEquals(ErrorCode.UNKNOWN_TYPE, e.code());
    assertTrue(e.getMessage().contains("0x42"), e.getMessage());
    byte[] p = MessageCodec.encodePayload(new Message.SequenceDone(1, 2, true, 3));
    p[4] = 7;
    e = assertThrows(ProtocolException.class,
        () -> MessageCodec.decode(MessageType.SEQUENCE_DONE.code(), p, 0, p.length));
    assertEquals(ErrorCode.BAD_PAYLOAD, e.code());
    assertEquals(4, e.detail());
    assertTrue(e.getMessage().contains("completed") && e.getMessage().contains("byte 4"), e.getMessage());
  }

  @Test
  void encoderRefusesValuesWiderThanTheirField() {
    assertThrows(IllegalArgumentException.class, () -> new Message.Fire(0x10000));
    assertThrows(IllegalArgumentException.class, () -> new Message.Step(1, 0x1_0000_0000L, 1));
    assertThrows(IllegalArgumentException.class, () -> FrameFormat.encode(256, 1, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> FrameFormat.encode(1, 1, new byte[FrameFormat.MAX_PAYLOAD + 1]));
  }
}
