package org.dpface.capture.board;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.dpface.capture.protocol.MessageType;

/**
 * Faults a {@link SimulatedBoard} injects into what it sends, for tests. Each rule is one-shot with a count
 * ("drop the next 2 PONGs"); rules can be added while the board runs (thread safe). Randomness (which bit
 * to flip, garbage bytes) comes from a seeded generator.
 */
public final class FaultInjector {

  /** What to do to one outgoing frame. */
  record Action(boolean drop, boolean flipBit, int garbageBytes, long delayMillis) {
    static final Action NONE = new Action(false, false, 0, 0);
  }

  private final SplittableRandom random;
  private final Map<MessageType, Integer> drops = new EnumMap<>(MessageType.class);
  private final Map<MessageType, Integer> flips = new EnumMap<>(MessageType.class);
  private final Map<MessageType, int[]> garbage = new EnumMap<>(MessageType.class);
  private final Map<MessageType, long[]> delays = new EnumMap<>(MessageType.class);
  private int rebootAfterStep = -1;

  /** @param seed seed for bit positions and garbage bytes */
  public FaultInjector(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Drops the next {@code count} frames of {@code type} (they are never sent). */
  public synchronized FaultInjector dropNext(MessageType type, int count) {
    drops.merge(type, count, Integer::sum);
    return this;
  }

  /** Flips one random bit in each of the next {@code count} frames of {@code type}. */
  public synchronized FaultInjector flipBitInNext(MessageType type, int count) {
    flips.merge(type, count, Integer::sum);
    return this;
  }

  /** Sends {@code bytes} random bytes before each of the next {@code count} frames of {@code type}. */
  public synchronized FaultInjector garbageBeforeNext(MessageType type, int count, int bytes) {
    garbage.put(type, new int[] {count, bytes});
    return this;
  }

  /** Holds each of the next {@code count} frames of {@code type} back for {@code millis} before sending. */
  public synchronized FaultInjector delayNext(MessageType type, int count, long millis) {
    delays.put(type, new long[] {count, millis});
    return this;
  }

  /** Reboots the board right after it fires step {@code stepIndex} (once). */
  public synchronized FaultInjector rebootAfterStep(int stepIndex) {
    rebootAfterStep = stepIndex;
    return this;
  }

  synchronized Action onSend(MessageType type) {
    boolean drop = take(drops, type);
    boolean flip = take(flips, type);
    int g = 0;
    int[] gr = garbage.get(type);
    if (gr != null && gr[0] > 0) {
      gr[0]--;
      g = gr[1];
    }
    long d = 0;
    long[] dr = delays.get(type);
    if (dr != null && dr[0] > 0) {
      dr[0]--;
      d = dr[1];
    }
    return drop || flip || g > 0 || d > 0 ? new Action(drop, flip, g, d) : Action.NONE;
  }

  synchronized boolean rebootNow(int stepIndex) {
    if (stepIndex == rebootAfterStep) {
      rebootAfterStep = -1;
      return true;
    }
    return false;
  }

  synchronized int nextInt(int bound) {
    return random.nextInt(bound);
  }

  private static boolean take(Map<MessageType, Integer> m, MessageType type) {
    Integer n = m.get(type);
    if (n == null || n == 0) {
      return false;
    }
    m.put(type, n - 1);
    return true;
  }
}
