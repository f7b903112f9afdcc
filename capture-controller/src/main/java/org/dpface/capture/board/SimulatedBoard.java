package org.dpface.capture.board;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.dpface.capture.protocol.BoardState;
import org.dpface.capture.protocol.ErrorCode;
import org.dpface.capture.protocol.FrameDecoder;
import org.dpface.capture.protocol.FrameFormat;
import org.dpface.capture.protocol.Message;
import org.dpface.capture.protocol.MessageCodec;
import org.dpface.capture.protocol.MessageType;
import org.dpface.capture.protocol.Protocol;
import org.dpface.capture.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trigger board in software that speaks docs/trigger-protocol.md byte for byte over any
 * {@link InputStream}/{@link OutputStream} pair (one end of a pty, a serial port's streams, pipes). It keeps
 * the same state machine, duplicate-command memory and error codes a firmware would, times steps on
 * {@link System#nanoTime()} (park, then spin for the last {@value #SPIN_MICROS} µs) and reports the measured
 * rising-edge times on a microsecond clock counted from its (simulated) boot. A {@link FaultInjector}
 * garbles, drops or delays what it sends and reboots it mid-plan.
 *
 * <p>Threads: one reader ({@link #start}) and one per FIRE; writes are serialised on the output stream.
 */
public final class SimulatedBoard implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedBoard.class);
  private static final long SPIN_MICROS = 300;

  private final long boardId;
  private final int[] firmware;
  private final int channelCount;
  private final int maxSteps;
  private final long bootDelayMillis;
  private final FaultInjector faults;
  private final SplittableRandom nonceRandom;
  private final FrameDecoder decoder = new FrameDecoder();

  private final Object lock = new Object();
  private OutputStream out;
  private volatile boolean running;
  private volatile boolean booting;
  private volatile boolean abortRequested;
  private Thread reader;
  private Thread firingThread;
  // Board state, guarded by lock.
  private BoardState state = BoardState.IDLE;
  private long bootNonce;
  private long bootCount;
  private long bootNanos;
  private int planId;
  private int totalSteps;
  private int stepsArmed;
  private int stepsFired;
  private int[] masks;
  private long[] delays;
  private long[] pulses;
  private long[] stamps;
  private int lastError;
  private int lastSeq = -1;
  private Message lastReply;

  private SimulatedBoard(Builder b) {
    this.boardId = b.boardId;
    this.firmware = b.firmware.clone();
    this.channelCount = b.channelCount;
    this.maxSteps = b.maxSteps;
    this.bootDelayMillis = b.bootDelayMillis;
    this.faults = b.faults;
    this.nonceRandom = new SplittableRandom(b.seed);
    this.masks = new int[maxSteps];
    this.delays = new long[maxSteps];
    this.pulses = new long[maxSteps];
    this.stamps = new long[maxSteps];
  }

  /** A builder with a 16-channel, 256-step board, seed 1 and no faults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builder; every setting optional. */
  public static final class Builder {
    private long boardId = 0x00D0_FACEL;
    private int[] firmware = {1, 0, 0};
    private int channelCount = Protocol.MAX_CHANNELS;
    private int maxSteps = 256;
    private long bootDelayMillis = 20;
    private long seed = 1;
    private FaultInjector faults = new FaultInjector(1);

    /** Serial number reported in IDENTIFY. */
    public Builder optBoardId(long id) {
      this.boardId = id;
      return this;
    }

    /** Output channels, 1..16. */
    public Builder optChannelCount(int n) {
      if (n < 1 || n > Protocol.MAX_CHANNELS) {
        throw new IllegalArgumentException("channel count " + n + " not in 1.." + Protocol.MAX_CHANNELS);
      }
      this.channelCount = n;
      return this;
    }

    /** Longest plan, 1..65535. */
    public Builder optMaxSteps(int n) {
      if (n < 1 || n > 0xFFFF) {
        throw new IllegalArgumentException("max steps " + n + " not in 1..65535");
      }
      this.maxSteps = n;
      return this;
    }

    /** Silence after a reboot before BOOT is sent (ms). */
    public Builder optBootDelayMillis(long ms) {
      this.bootDelayMillis = ms;
      return this;
    }

    /** Seed of the boot-nonce generator. */
    public Builder optSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Fault injector consulted for every frame sent and every step fired. */
    public Builder optFaults(FaultInjector faults) {
      this.faults = faults;
      return this;
    }

    /** The board (not yet running). */
    public SimulatedBoard build() {
      return new SimulatedBoard(this);
    }
  }

  /** Powers the board on: sends BOOT on {@code out}, then serves {@code in} on a daemon thread. */
  public void start(InputStream in, OutputStream out) {
    synchronized (lock) {
      if (running) {
        throw new IllegalStateException("simulated board already running");
      }
      this.out = out;
      running = true;
      powerOn();
    }
    sendBoot();
    reader = new Thread(() -> serve(in), "simulated-trigger-board");
    reader.setDaemon(true);
    reader.start();
  }

  /** Reboots now (as a watchdog or brown-out would): plan lost, new nonce, BOOT after the boot delay. */
  public void reboot() {
    booting = true;
    abortRequested = true;
    synchronized (lock) {
      powerOn();
    }
    sleepMillis(bootDelayMillis);
    booting = false;
    abortRequested = false;
    sendBoot();
  }

  /** Current boot nonce. */
  public long bootNonce() {
    synchronized (lock) {
      return bootNonce;
    }
  }

  /** Stops serving; the streams are left to their owner. */
  @Override
  public void close() {
    running = false;
    abortRequested = true;
    join(firingThread);
    join(reader);
  }

  private void powerOn() {
    bootNonce = nonceRandom.nextLong() & 0xFFFF_FFFFL;
    bootCount++;
    bootNanos = System.nanoTime();
    state = BoardState.IDLE;
    planId = 0;
    totalSteps = 0;
    stepsArmed = 0;
    stepsFired = 0;
    lastError = 0;
    lastSeq = -1;
    lastReply = null;
  }

  private long micros() {
    return (System.nanoTime() - bootNanos) / 1000;
  }

  private void serve(InputStream in) {
    byte[] buf = new byte[256];
    FrameDecoder.Listener listener = new FrameDecoder.Listener() {
      @Override
      public void onFrame(int seq, int type, byte[] payload, int off, int len) {
        handle(seq, type, payload, off, len);
      }

      @Override
      public void onCorrupt(FrameDecoder.Corruption what, int seq, int type, int declaredLength) {
        ErrorCode code = what == FrameDecoder.Corruption.BAD_CRC ? ErrorCode.BAD_CRC : ErrorCode.BAD_LENGTH;
        send(seq, error(code, type, declaredLength));
      }
    };
    while (running) {
      int n;
      try {
        n = in.read(buf);
      } catch (InterruptedIOException timeout) {
        continue;
      } catch (IOException e) {
        if (running) {
          LOG.debug("simulated board: input failed, stopping: {}", e.toString());
        }
        break;
      }
      if (n < 0) {
        break;
      }
      if (!booting) {
        decoder.feed(buf, 0, n, listener);
      }
    }
    running = false;
  }

  private void handle(int seq, int type, byte[] payload, int off, int len) {
    Message reply;
    synchronized (lock) {
      if (seq == lastSeq && lastReply != null && type != MessageType.HELLO.code()) {
        reply = lastReply; // duplicate of the last command: answer again, do not act twice
      } else {
        reply = execute(seq, type, payload, off, len);
        lastSeq = seq;
        lastReply = reply;
      }
    }
    if (reply != null) {
      send(seq, reply);
    }
  }

  /** Runs one command; called with the lock held. Returns the reply. */
  private Message execute(int seq, int type, byte[] payload, int off, int len) {
    Message m;
    try {
      m = MessageCodec.decode(type, payload, off, len);
    } catch (ProtocolException e) {
      return error(e.code(), type, e.detail());
    }
    if (m.type().fromBoard()) {
      return error(ErrorCode.UNKNOWN_TYPE, type, 0);
    }
    return switch (m) {
      case Message.Hello h -> h.protocolVersion() != Protocol.VERSION
          ? error(ErrorCode.VERSION_MISMATCH, type, Protocol.VERSION) : identify(false);
      case Message.Arm a -> arm(a, type);
      case Message.Fire f -> fire(f, seq, type);
      case Message.Status s -> new Message.StatusReport(state, planId, stepsArmed, stepsFired, micros(),
          bootNonce, lastError);
      case Message.Abort a -> abort();
      case Message.Ping p -> new Message.Pong(p.token(), micros(), bootNonce);
      case Message.Report r -> report(r, type);
      default -> error(ErrorCode.UNKNOWN_TYPE, type, 0);
    };
  }

  private Message.Identify identify(boolean boot) {
    return new Message.Identify(boot, Protocol.VERSION, firmware[0], firmware[1], firmware[2], boardId,
        channelCount, maxSteps, 1000, bootNonce, bootCount);
  }

  private Message arm(Message.Arm a, int type) {
    if (state == BoardState.FIRING) {
      return error(ErrorCode.BUSY, type, stepsFired);
    }
    if (a.totalSteps() > maxSteps) {
      return error(ErrorCode.SEQUENCE_TOO_LONG, type, maxSteps);
    }
    if (a.totalSteps() == 0) {
      return error(ErrorCode.BAD_PAYLOAD, type, 2);
    }
    if (a.offset() == 0) {
      planId = a.planId();
      totalSteps = a.totalSteps();
      stepsArmed = 0;
      stepsFired = 0;
      state = BoardState.IDLE;
    } else if (a.planId() != planId || a.totalSteps() != totalSteps) {
      return error(ErrorCode.BAD_PAYLOAD, type, 0);
    } else if (a.offset() != stepsArmed) {
      return error(ErrorCode.BAD_PAYLOAD, type, 4);
    }
    if (a.offset() + a.steps().size() > totalSteps) {
      return error(ErrorCode.BAD_PAYLOAD, type, 6);
    }
    for (int i = 0; i < a.steps().size(); i++) {
      Message.Step s = a.steps().get(i);
      int at = Protocol.ARM_HEADER_BYTES + Protocol.ARM_STEP_BYTES * i;
      if ((s.channelMask() >>> channelCount) != 0) {
        return error(ErrorCode.BAD_PAYLOAD, type, at);
      }
      if (s.pulseMicros() == 0) {
        return error(ErrorCode.BAD_PAYLOAD, type, at + 6);
      }
    }
    for (Message.Step s : a.steps()) {
      masks[stepsArmed] = s.channelMask();
      delays[stepsArmed] = s.delayMicros();
      pulses[stepsArmed] = s.pulseMicros();
      stepsArmed++;
    }
    if (stepsArmed == totalSteps) {
      state = BoardState.ARMED;
    }
    return new Message.Armed(planId, stepsArmed, totalSteps, bootNonce);
  }

  private Message fire(Message.Fire f, int seq, int type) {
    if (state == BoardState.FIRING) {
      return error(ErrorCode.BUSY, type, stepsFired);
    }
    if (state != BoardState.ARMED && state != BoardState.DONE) {
      return error(ErrorCode.BAD_STATE, type, state.code());
    }
    if (f.planId() != planId) {
      return error(ErrorCode.BAD_PAYLOAD, type, 0);
    }
    long fireNanos = System.nanoTime();
    state = BoardState.FIRING;
    stepsFired = 0;
    abortRequested = false;
    int n = totalSteps;
    int plan = planId;
    long nonce = bootNonce;
    firingThread = new Thread(() -> runPlan(seq, plan, n, fireNanos, nonce), "simulated-trigger-firing");
    firingThread.setDaemon(true);
    firingThread.start();
    return new Message.Firing(planId, n, (fireNanos - bootNanos) / 1000, bootNonce);
  }

  private void runPlan(int seq, int plan, int n, long fireNanos, long nonce) {
    long t = fireNanos;
    int fired = 0;
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        t += pulses[i - 1] * 1000;
      }
      t += delays[i] * 1000;
      if (!waitUntil(t)) {
        break;
      }
      long stamp;
      synchronized (lock) {
        if (bootNonce != nonce) {
          return;
        }
        stamp = micros();
        stamps[i] = stamp;
        stepsFired = i + 1;
      }
      fired = i + 1;
      send(seq, new Message.StepDone(plan, i, masks[i], stamp));
      if (faults.rebootNow(i)) {
        reboot();
        return;
      }
    }
    boolean completed = fired == n;
    long end;
    synchronized (lock) {
      if (bootNonce != nonce) {
        return;
      }
      state = completed ? BoardState.DONE : BoardState.ARMED;
      end = micros();
      lock.notifyAll();
    }
    send(seq, new Message.SequenceDone(plan, fired, completed, end));
  }

  /** Waits until {@code nanoTime() >= t}; false if aborted or stopped first. */
  private boolean waitUntil(long t) {
    while (true) {
      if (abortRequested || !running) {
        return false;
      }
      long left = t - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      if (left > SPIN_MICROS * 1000) {
        LockSupport.parkNanos(Math.min(left - SPIN_MICROS * 1000, 1_000_000));
      } else {
        Thread.onSpinWait();
      }
    }
  }

  private Message abort() {
    BoardState before = state;
    Thread t = firingThread;
    if (before == BoardState.FIRING && t != null) {
      abortRequested = true;
      // The firing thread needs the lock to finish its step: wait() releases it until the thread is done.
      long deadline = System.nanoTime() + 1_000_000_000L;
      while (state == BoardState.FIRING && System.nanoTime() < deadline) {
        try {
          lock.wait(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return new Message.Aborted(planId, stepsFired, before);
  }

  private Message report(Message.Report r, int type) {
    if ((state != BoardState.FIRING && state != BoardState.DONE && stepsFired == 0) || r.planId() != planId) {
      return error(ErrorCode.BAD_STATE, type, state.code());
    }
    if (r.fromStep() > stepsFired) {
      return error(ErrorCode.BAD_PAYLOAD, type, 2);
    }
    int count = Math.min(Math.min(r.count(), stepsFired - r.fromStep()), Protocol.MAX_STEPS_PER_LOG);
    List<Long> micros = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      micros.add(stamps[r.fromStep() + i]);
    }
    return new Message.StepLog(planId, r.fromStep(), micros);
  }

  private Message.Error error(ErrorCode code, int type, int detail) {
    lastError = code.code();
    return new Message.Error(code.code(), type, detail & 0xFFFF, state.code());
  }

  private void sendBoot() {
    Message.Identify boot;
    synchronized (lock) {
      boot = identify(true);
    }
    send(0, boot);
  }

  private void send(int seq, Message m) {
    FaultInjector.Action a = faults.onSend(m.type());
    if (a.drop()) {
      LOG.debug("simulated board: dropping {} seq {}", m.type(), seq);
      return;
    }
    if (a.delayMillis() > 0) {
      sleepMillis(a.delayMillis());
    }
    byte[] frame = MessageCodec.encodeFrame(seq, m);
    if (a.flipBit()) {
      int bit = faults.nextInt(frame.length * 8);
      frame[bit >>> 3] ^= (byte) (1 << (bit & 7));
    }
    byte[] garbage = new byte[a.garbageBytes()];
    for (int i = 0; i < garbage.length; i++) {
      int b = faults.nextInt(256);
      garbage[i] = (byte) (b == FrameFormat.SYNC0 ? 0 : b);
    }
    OutputStream o = out;
    try {
      synchronized (o) {
        o.write(garbage);
        o.write(frame);
        o.flush();
      }
    } catch (IOException e) {
      if (running) {
        LOG.debug("simulated board: output failed: {}", e.toString());
      }
    }
  }

  private static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void join(Thread t) {
    if (t != null && t != Thread.currentThread()) {
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
