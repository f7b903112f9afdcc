package org.dpface.capture.protocol;

import java.util.List;

/**
 * The messages of trigger-board protocol version {@value Protocol#VERSION}, one record per type. Field
 * widths are the wire widths (u8 0..255, u16 0..65535, u32 0..2^32-1; u64 microsecond clocks are held in a
 * {@code long} and never reach 2^63). Times are microseconds; board times count from the board's boot.
 * Byte layouts: docs/trigger-protocol.md and {@link MessageCodec}.
 */
public sealed interface Message {

  /** The TYPE byte of this message. */
  MessageType type();

  /** HELLO: host asks the board to identify itself; also clears the board's duplicate-command memory. */
  record Hello(int protocolVersion) implements Message {
    public Hello {
      Fields.u8("protocolVersion", protocolVersion);
    }

    @Override
    public MessageType type() {
      return MessageType.HELLO;
    }
  }

  /** One plan step on the wire: channel mask, delay before its rising edge (µs), pulse width (µs). */
  record Step(int channelMask, long delayMicros, long pulseMicros) {
    public Step {
      Fields.u16("channelMask", channelMask);
      Fields.u32("delayMicros", delayMicros);
      Fields.u32("pulseMicros", pulseMicros);
    }
  }

  /** ARM: one chunk of a plan, steps {@code [offset, offset + steps.size())} of {@code totalSteps}. */
  record Arm(int planId, int totalSteps, int offset, List<Step> steps) implements Message {
    public Arm {
      Fields.u16("planId", planId);
      Fields.u16("totalSteps", totalSteps);
      Fields.u16("offset", offset);
      steps = List.copyOf(steps);
      if (steps.size() > Protocol.MAX_STEPS_PER_ARM) {
        throw new IllegalArgumentException("ARM chunk of " + steps.size() + " steps; at most "
            + Protocol.MAX_STEPS_PER_ARM);
      }
    }

    @Override
    public MessageType type() {
      return MessageType.ARM;
    }
  }

  /** FIRE: run the armed plan {@code planId}. */
  record Fire(int planId) implements Message {
    public Fire {
      Fields.u16("planId", planId);
    }

    @Override
    public MessageType type() {
      return MessageType.FIRE;
    }
  }

  /** STATUS: ask for a {@link StatusReport}. */
  record Status() implements Message {
    @Override
    public MessageType type() {
      return MessageType.STATUS;
    }
  }

  /** ABORT: stop firing after the current step; the plan stays loaded. */
  record Abort() implements Message {
    @Override
    public MessageType type() {
      return MessageType.ABORT;
    }
  }

  /** PING: echo {@code token}. */
  record Ping(long token) implements Message {
    @Override
    public MessageType type() {
      return MessageType.PING;
    }
  }

  /** REPORT: resend the timestamps of steps {@code [fromStep, fromStep + count)} of plan {@code planId}. */
  record Report(int planId, int fromStep, int count) implements Message {
    public Report {
      Fields.u16("planId", planId);
      Fields.u16("fromStep", fromStep);
      Fields.u8("count", count);
    }

    @Override
    public MessageType type() {
      return MessageType.REPORT;
    }
  }

  /**
   * IDENTIFY (reply to HELLO) and BOOT (sent unsolicited, seq 0, after every boot) share this payload.
   *
   * @param boot true for BOOT, false for IDENTIFY
   * @param boardId the board's serial number
   * @param timerResolutionNanos resolution of the board's microsecond clock (e.g. 4000 on a 16 MHz AVR)
   * @param bootNonce random per boot; a change means the board rebooted
   * @param bootCount boots since the firmware was flashed (kept in EEPROM)
   */
  record Identify(boolean boot, int protocolVersion, int firmwareMajor, int firmwareMinor, int firmwarePatch,
      long boardId, int channelCount, int maxSteps, int timerResolutionNanos, long bootNonce, long bootCount)
      implements Message {
    public Identify {
      Fields.u8("protocolVersion", protocolVersion);
      Fields.u8("firmwareMajor", firmwareMajor);
      Fields.u8("firmwareMinor", firmwareMinor);
      Fields.u8("firmwarePatch", firmwarePatch);
      Fields.u8("channelCount", channelCount);
      Fields.u16("maxSteps", maxSteps);
      Fields.u16("timerResolutionNanos", timerResolutionNanos);
      Fields.u32("bootNonce", bootNonce);
      Fields.u32("bootCount", bootCount);
    }

    @Override
    public MessageType type() {
      return boot ? MessageType.BOOT : MessageType.IDENTIFY;
    }
  }

  /** ARMED: chunk accepted; {@code stepsReceived == totalSteps} means the plan is complete. */
  record Armed(int planId, int stepsReceived, int totalSteps, long bootNonce) implements Message {
    public Armed {
      Fields.u16("planId", planId);
      Fields.u16("stepsReceived", stepsReceived);
      Fields.u16("totalSteps", totalSteps);
      Fields.u32("bootNonce", bootNonce);
    }

    @Override
    public MessageType type() {
      return MessageType.ARMED;
    }
  }

  /** FIRING: FIRE accepted at board time {@code fireMicros}; STEP_DONE events follow with the same seq. */
  record Firing(int planId, int totalSteps, long fireMicros, long bootNonce) implements Message {
    public Firing {
      Fields.u16("planId", planId);
      Fields.u16("totalSteps", totalSteps);
      Fields.u32("bootNonce", bootNonce);
    }

    @Override
    public MessageType type() {
      return MessageType.FIRING;
    }
  }

  /** STEP_DONE: step {@code stepIndex} raised {@code channelMask} at board time {@code boardMicros}. */
  record StepDone(int planId, int stepIndex, int channelMask, long boardMicros) implements Message {
    public StepDone {
      Fields.u16("planId", planId);
      Fields.u16("stepIndex", stepIndex);
      Fields.u16("channelMask", channelMask);
    }

    @Override
    public MessageType type() {
      return MessageType.STEP_DONE;
    }
  }

  /** SEQUENCE_DONE: the plan ended ({@code completed}) or was aborted after {@code stepsFired} steps. */
  record SequenceDone(int planId, int stepsFired, boolean completed, long endMicros) implements Message {
    public SequenceDone {
      Fields.u16("planId", planId);
      Fields.u16("stepsFired", stepsFired);
    }

    @Override
    public MessageType type() {
      return MessageType.SEQUENCE_DONE;
    }
  }

  /** STATUS_REPORT: the board's state. {@code lastError} is the last error code sent, 0 if none. */
  record StatusReport(BoardState state, int planId, int stepsArmed, int stepsFired, long boardMicros,
      long bootNonce, int lastError) implements Message {
    public StatusReport {
      if (state == null) {
        throw new IllegalArgumentException("state is null");
      }
      Fields.u16("planId", planId);
      Fields.u16("stepsArmed", stepsArmed);
      Fields.u16("stepsFired", stepsFired);
      Fields.u32("bootNonce", bootNonce);
      Fields.u8("lastError", lastError);
    }

    @Override
    public MessageType type() {
      return MessageType.STATUS_REPORT;
    }
  }

  /** ABORTED: reply to ABORT. */
  record Aborted(int planId, int stepsFired, BoardState previousState) implements Message {
    public Aborted {
      Fields.u16("planId", planId);
      Fields.u16("stepsFired", stepsFired);
      if (previousState == null) {
        throw new IllegalArgumentException("previousState is null");
      }
    }

    @Override
    public MessageType type() {
      return MessageType.ABORTED;
    }
  }

  /** PONG: reply to PING, echoing its token, with the board clock and boot nonce. */
  record Pong(long token, long boardMicros, long bootNonce) implements Message {
    public Pong {
      Fields.u32("bootNonce", bootNonce);
    }

    @Override
    public MessageType type() {
      return MessageType.PONG;
    }
  }

  /** STEP_LOG: timestamps of steps {@code [fromStep, fromStep + micros.size())}. */
  record StepLog(int planId, int fromStep, List<Long> micros) implements Message {
    public StepLog {
      Fields.u16("planId", planId);
      Fields.u16("fromStep", fromStep);
      micros = List.copyOf(micros);
      if (micros.size() > Protocol.MAX_STEPS_PER_LOG) {
        throw new IllegalArgumentException("STEP_LOG of " + micros.size() + " steps; at most "
            + Protocol.MAX_STEPS_PER_LOG);
      }
    }

    @Override
    public MessageType type() {
      return MessageType.STEP_LOG;
    }
  }

  /**
   * ERROR: the board refused a command. {@code code} is an {@link ErrorCode} byte, {@code offendingType}
   * the TYPE of the refused frame, {@code detail} per {@link ErrorCode}, {@code boardState} a
   * {@link BoardState} byte.
   */
  record Error(int code, int offendingType, int detail, int boardState) implements Message {
    public Error {
      Fields.u8("code", code);
      Fields.u8("offendingType", offendingType);
      Fields.u16("detail", detail);
      Fields.u8("boardState", boardState);
    }

    /** The error code, or null if this protocol version does not know it. */
    public ErrorCode errorCode() {
      return ErrorCode.of(code);
    }

    @Override
    public MessageType type() {
      return MessageType.ERROR;
    }
  }
}
