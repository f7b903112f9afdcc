package org.dpface.capture.board;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.dpface.capture.protocol.ErrorCode;
import org.dpface.capture.protocol.Frame;
import org.dpface.capture.protocol.Message;
import org.dpface.capture.protocol.MessageType;
import org.dpface.capture.protocol.Protocol;
import org.dpface.capture.transport.FrameChannel;
import org.dpface.capture.transport.JSerialCommLink;
import org.dpface.capture.transport.SerialLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TriggerBoard} on a serial port speaking docs/trigger-protocol.md.
 *
 * <p>Every command is a transaction: send with a fresh sequence number, wait for the reply with that
 * number; on timeout, a damaged reply or a board-reported BAD_CRC resend the <em>same</em> frame (same
 * sequence number, so the board answers from its duplicate memory instead of acting twice), up to
 * {@link Options#retries()} times. Replies with other sequence numbers are stale and skipped. Every reply
 * that carries the boot nonce, and every unsolicited BOOT, is checked against the nonce from
 * {@link #identify()}: a change raises {@link BoardRebootedException}. During {@link #fire()} silence past
 * a step's planned time plus {@link Options#stepSlackMillis()} triggers a STATUS query (which also catches
 * a reboot whose BOOT frame was lost); step events lost on the wire are fetched afterwards with REPORT.
 *
 * <p>Methods are serialised; {@link #abort()} may be called from another thread while {@link #fire()}
 * runs.
 */
public final class SerialTriggerBoard implements TriggerBoard {
  private static final Logger LOG = LoggerFactory.getLogger(SerialTriggerBoard.class);

  /**
   * Host-side timing.
   *
   * @param baud line speed (ignored by USB CDC boards and ptys)
   * @param replyTimeoutMillis wait for a reply before resending
   * @param retries resends after the first attempt
   * @param stepSlackMillis how late a step event may be before the board is asked for its status
   */
  public record Options(int baud, int replyTimeoutMillis, int retries, int stepSlackMillis) {
    public Options {
      if (replyTimeoutMillis < 1 || retries < 0 || stepSlackMillis < 1) {
        throw new IllegalArgumentException("timeouts must be positive and retries non-negative");
      }
    }

    /** 115200 baud, 100 ms reply timeout, 3 retries, 250 ms step slack. */
    public static Options defaults() {
      return new Options(115_200, 100, 3, 250);
    }
  }

  private final FrameChannel channel;
  private final String port;
  private final Options options;
  private final ReentrantLock io = new ReentrantLock();
  private volatile boolean firing;
  private volatile boolean abortRequested;
  private int seq;
  private int nextPlanId = 1;
  private BoardInfo info;
  private TriggerPlan plan;
  private int planId;
  /** Steps seen by the running fire(), -1 outside fire(); for reboot messages. */
  private int fireProgress = -1;

  /** Talks over {@code link} (closed by {@link #close()}). */
  public SerialTriggerBoard(SerialLink link, Options options) {
    this.channel = new FrameChannel(link);
    this.port = link.name();
    this.options = options;
  }

  /** Opens the serial port at {@code path} (jSerialComm) and wraps it; call {@link #identify()} next. */
  public static SerialTriggerBoard open(String path, Options options) throws TriggerBoardException {
    try {
      return new SerialTriggerBoard(JSerialCommLink.open(path, options.baud()), options);
    } catch (IOException e) {
      throw new TriggerBoardException("trigger board: " + e.getMessage(), e);
    }
  }

  /** The board's handshake reply, or null before {@link #identify()} (or after a detected reboot). */
  public BoardInfo info() {
    return info;
  }

  @Override
  public BoardInfo identify() throws TriggerBoardException {
    io.lock();
    try {
      info = null;
      plan = null;
      Message.Identify id = transact(new Message.Hello(Protocol.VERSION), Message.Identify.class);
      if (id.protocolVersion() != Protocol.VERSION) {
        throw new TriggerBoardException("trigger board on " + port + " speaks protocol version "
            + id.protocolVersion() + ", this host speaks " + Protocol.VERSION);
      }
      info = new BoardInfo(port, id.protocolVersion(),
          id.firmwareMajor() + "." + id.firmwareMinor() + "." + id.firmwarePatch(), id.boardId(),
          id.channelCount(), id.maxSteps(), id.timerResolutionNanos(), id.bootNonce(), id.bootCount());
      LOG.info("trigger board on {}: firmware {}, id {}, {} channels, {} steps max, boot #{}", port,
          info.firmware(), Long.toHexString(info.boardId()), info.channelCount(), info.maxSteps(),
          info.bootCount());
      return info;
    } finally {
      io.unlock();
    }
  }

  @Override
  public void arm(TriggerPlan p) throws TriggerBoardException {
    io.lock();
    try {
      if (info == null) {
        identify();
      }
      if (p.size() > info.maxSteps()) {
        throw new IllegalArgumentException("plan of " + p.size() + " steps is longer than the " + info.maxSteps()
            + " the trigger board on " + port + " holds");
      }
      int allowed = (1 << info.channelCount()) - 1;
      for (int i = 0; i < p.size(); i++) {
        if ((p.steps().get(i).channelMask() & ~allowed) != 0) {
          throw new IllegalArgumentException("plan step " + i + " uses channel mask 0x"
              + Integer.toHexString(p.steps().get(i).channelMask()) + " but the trigger board on " + port
              + " has " + info.channelCount() + " channels");
        }
      }
      int id = nextPlanId;
      nextPlanId = nextPlanId == 0xFFFF ? 1 : nextPlanId + 1;
      plan = null;
      for (int off = 0; off < p.size(); off += Protocol.MAX_STEPS_PER_ARM) {
        int n = Math.min(Protocol.MAX_STEPS_PER_ARM, p.size() - off);
        List<Message.Step> chunk = new ArrayList<>(n);
        for (TriggerStep s : p.steps().subList(off, off + n)) {
          chunk.add(new Message.Step(s.channelMask(), s.delayMicros(), s.pulseMicros()));
        }
        Message.Armed a = transact(new Message.Arm(id, p.size(), off, chunk), Message.Armed.class);
        if (a.planId() != id || a.stepsReceived() != off + n || a.totalSteps() != p.size()) {
          throw new TriggerBoardException("trigger board on " + port + " acknowledged ARM of plan " + id
              + " steps " + off + ".." + (off + n) + " with plan " + a.planId() + ", " + a.stepsReceived() + "/"
              + a.totalSteps() + " steps received");
        }
      }
      plan = p;
      planId = id;
    } finally {
      io.unlock();
    }
  }

  @Override
  public FireResult fire() throws TriggerBoardException {
    io.lock();
    try {
      abortRequested = false;
      firing = true;
      return new FireRun(this).run(plan, planId);
    } finally {
      firing = false;
      fireProgress = -1;
      io.unlock();
    }
  }

  @Override
  public BoardStatus status() throws TriggerBoardException {
    io.lock();
    try {
      Message.StatusReport s = transact(new Message.Status(), Message.StatusReport.class);
      return new BoardStatus(s.state(), s.planId(), s.stepsArmed(), s.stepsFired(), s.boardMicros(),
          s.lastError());
    } finally {
      io.unlock();
    }
  }

  @Override
  public void abort() throws TriggerBoardException {
    if (firing) {
      abortRequested = true; // fire() sends ABORT from its own thread
      return;
    }
    io.lock();
    try {
      transact(new Message.Abort(), Message.Aborted.class);
    } finally {
      io.unlock();
    }
  }

  /**
   * Round trip of one PING, in nanoseconds of host time (send to matching PONG).
   *
   * @throws TriggerBoardException on timeout after retries or a wrong reply
   */
  public long ping() throws TriggerBoardException {
    io.lock();
    try {
      long t0 = System.nanoTime();
      Message.Pong p = transact(new Message.Ping(t0), Message.Pong.class);
      long t1 = System.nanoTime();
      if (p.token() != t0) {
        throw new TriggerBoardException("trigger board on " + port + " echoed PING token " + p.token()
            + ", sent " + t0);
      }
      return t1 - t0;
    } finally {
      io.unlock();
    }
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing {}: {}", port, e.toString());
    }
  }

  // ---- transaction machinery, used by FireRun too ----

  String port() {
    return port;
  }

  Options options() {
    return options;
  }

  FrameChannel channel() {
    return channel;
  }

  boolean abortRequested() {
    return abortRequested;
  }

  int lastSeq() {
    return seq;
  }

  <T extends Message> T transact(Message cmd, Class<T> replyType) throws TriggerBoardException {
    return transact(cmd, replyType, null);
  }

  /**
   * One command/reply transaction with retries. If {@code events} is non-null, STEP_DONE and SEQUENCE_DONE
   * frames carrying this command's sequence number (a FIRE whose FIRING reply was lost while the board is
   * already firing) are added to it instead of being refused.
   */
  <T extends Message> T transact(Message cmd, Class<T> replyType, List<Frame> events)
      throws TriggerBoardException {
    seq = seq == 255 ? 1 : seq + 1;
    int s = seq;
    String problem = "no reply";
    int attempts = 1 + options.retries();
    for (int attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) {
        LOG.debug("{}: resending {} seq {} (attempt {}/{}): {}", port, cmd.type(), s, attempt, attempts, problem);
      }
      sendFrame(s, cmd);
      long deadline = System.nanoTime() + options.replyTimeoutMillis() * 1_000_000L;
      problem = "no reply within " + options.replyTimeoutMillis() + " ms";
      while (true) {
        Frame f = receive(deadline, "a reply to " + cmd.type() + " (seq " + s + ")");
        if (f == null) {
          break;
        }
        checkBoot(f);
        if (f.seq() != s) {
          LOG.debug("{}: skipping stale frame type 0x{} seq {} while waiting for seq {}", port,
              Integer.toHexString(f.typeCode()), f.seq(), s);
          continue;
        }
        if (f.corruption() != null) {
          problem = "reply damaged on the wire (" + f.corruption() + ")";
          break;
        }
        if (f.malformed() != null) {
          throw new TriggerBoardException("trigger board on " + port + " sent a malformed reply to "
              + cmd.type() + " (seq " + s + "): " + f.malformed().getMessage());
        }
        Message m = f.message();
        if (events != null && (m instanceof Message.StepDone || m instanceof Message.SequenceDone)) {
          events.add(f);
          continue;
        }
        if (m instanceof Message.Error e) {
          if (e.errorCode() == ErrorCode.BAD_CRC) {
            problem = "board received the command damaged (BAD_CRC)";
            break;
          }
          throw boardError(cmd, s, e);
        }
        if (!replyType.isInstance(m) || m.type() == MessageType.BOOT) {
          throw new TriggerBoardException("trigger board on " + port + " answered " + cmd.type() + " (seq " + s
              + ") with " + m.type() + ", expected " + replyTypeName(replyType));
        }
        checkNonce(m);
        return replyType.cast(m);
      }
    }
    throw new BoardTimeoutException("trigger board on " + port + " did not answer " + cmd.type() + " (seq " + s
        + ") after " + attempts + " attempts of " + options.replyTimeoutMillis() + " ms; last problem: " + problem);
  }

  Frame receive(long deadline, String waitingFor) throws TriggerBoardException {
    try {
      return channel.receive(deadline);
    } catch (IOException e) {
      info = null;
      throw new TriggerBoardException("serial port " + port + " lost while waiting for " + waitingFor + ": "
          + e.getMessage(), e);
    }
  }

  void sendFrame(int s, Message cmd) throws TriggerBoardException {
    try {
      channel.send(s, cmd);
    } catch (IOException e) {
      info = null;
      throw new TriggerBoardException("serial port " + port + " lost while sending " + cmd.type() + " (seq "
          + s + "): " + e.getMessage(), e);
    }
  }

  /** Throws if {@code f} is a BOOT while a board is identified. */
  void checkBoot(Frame f) throws BoardRebootedException {
    if (f.message() instanceof Message.Identify id && id.boot() && info != null) {
      throw rebooted(id.bootNonce(), "boot count " + info.bootCount() + " -> " + id.bootCount());
    }
  }

  /** Throws if {@code m} carries a boot nonce different from the identified one. */
  void checkNonce(Message m) throws BoardRebootedException {
    long nonce = switch (m) {
      case Message.Armed a -> a.bootNonce();
      case Message.Firing f -> f.bootNonce();
      case Message.Pong p -> p.bootNonce();
      case Message.StatusReport s -> s.bootNonce();
      default -> -1;
    };
    if (nonce >= 0 && info != null && nonce != info.bootNonce()) {
      throw rebooted(nonce, "seen in " + m.type());
    }
  }

  private BoardRebootedException rebooted(long newNonce, String how) {
    int stepsSeen = fireProgress;
    String during = stepsSeen >= 0 && plan != null
        ? " during FIRE of plan " + planId + " after " + stepsSeen + " of " + plan.size() + " steps" : "";
    String msg = String.format("trigger board on %s rebooted%s (boot nonce %08x -> %08x, %s); its plan is"
        + " lost: identify and arm again", port, during, info.bootNonce(), newNonce, how);
    info = null;
    plan = null;
    return new BoardRebootedException(msg, stepsSeen);
  }

  BoardErrorException boardError(Message cmd, int s, Message.Error e) {
    ErrorCode code = e.errorCode();
    String name = code == null ? "unknown error code " + e.code() : code.name();
    return new BoardErrorException("trigger board on " + port + " refused " + cmd.type() + " (seq " + s + "): "
        + name + ", detail " + e.detail() + " (" + detailMeaning(code) + "), board state " + e.boardState(),
        code, e.detail());
  }

  private static String detailMeaning(ErrorCode code) {
    if (code == null) {
      return "?";
    }
    return switch (code) {
      case BAD_CRC, BAD_LENGTH -> "payload length";
      case UNKNOWN_TYPE -> "none";
      case BAD_STATE -> "board state code";
      case SEQUENCE_TOO_LONG -> "board's max steps";
      case BUSY -> "steps fired so far";
      case BAD_PAYLOAD -> "byte offset of the bad field";
      case VERSION_MISMATCH -> "board's protocol version";
    };
  }

  private static String replyTypeName(Class<?> c) {
    return c.getSimpleName().toUpperCase(java.util.Locale.ROOT);
  }

  void fireProgress(int steps) {
    fireProgress = steps;
  }
}
