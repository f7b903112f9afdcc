package org.dpface.reconstruction.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.dpface.core.image.ImageBase;
import org.dpface.reconstruction.struct.Axis;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.FrameKind;
import org.dpface.reconstruction.struct.SequenceDescription;

/**
 * Decodes one camera's structured-light frames (GrayU8 or GrayU16, in the order of a
 * {@link SequenceDescription}) into projector coordinates per camera pixel ({@link DecodedMaps}); see
 * {@link RowDecoder} for the per-pixel algorithm and {@link DecoderConfig} for the thresholds.
 *
 * <p>Runs of pixels ({@link #SPAN} pixels of the flattened image, or rows when a frame or map is not
 * compact) are shared among {@code threads} workers (the calling thread plus a fixed pool of
 * {@code threads - 1}); each pixel's result depends only on that pixel, so output is identical for any
 * thread count. Run buffers belong to the workers and are reused across calls; the output maps are
 * reshaped, reusing their storage. Not thread-safe: one decode at a time per instance. Close it to stop
 * the pool.
 */
public final class PatternDecoder implements AutoCloseable {
  /**
   * Pixels per work unit when frames and maps are compact: the image is decoded as one flat run cut into
   * pieces of this length, so each frame is read in long sequential stretches and the per-run buffers of a
   * worker stay in the L2 cache. Otherwise a unit is one row.
   */
  static final int SPAN = 4096;

  private final SequenceDescription sequence;
  private final RowDecoder[] workers;
  private final ExecutorService pool;

  /**
   * @param sequence meaning of the frames
   * @param config thresholds
   * @param threads worker count, >= 1
   */
  public PatternDecoder(SequenceDescription sequence, DecoderConfig config, int threads) {
    this(sequence, config, threads, RowDecoder.MAX_PACKED_BITS);
  }

  /** As the public constructor; {@code maxPackedBits} 0 forces the wide Gray-word layout (for tests). */
  PatternDecoder(SequenceDescription sequence, DecoderConfig config, int threads, int maxPackedBits) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.sequence = sequence;
    AxisPlan[] plans = {AxisPlan.of(sequence, Axis.X), AxisPlan.of(sequence, Axis.Y)};
    int white = sequence.indexOf(FrameKind.WHITE);
    int black = sequence.indexOf(FrameKind.BLACK);
    this.workers = new RowDecoder[threads];
    for (int t = 0; t < threads; t++) {
      workers[t] = new RowDecoder(plans, white, black, config, maxPackedBits);
    }
    if (threads > 1) {
      AtomicInteger n = new AtomicInteger();
      this.pool = Executors.newFixedThreadPool(threads - 1, r -> {
        Thread th = new Thread(r, "dpface-sl-decode-" + n.incrementAndGet());
        th.setDaemon(true);
        return th;
      });
    } else {
      this.pool = null;
    }
  }

  /** The sequence this decoder reads. */
  public SequenceDescription sequence() {
    return sequence;
  }

  /**
   * Decodes {@code frames} into {@code out}, reshaped to the frames' size; the thresholds are fractions of
   * the sample type's nominal full scale (255 for GrayU8, 65535 for GrayU16 or mixed frames).
   *
   * @throws IllegalArgumentException when the frame count differs from the sequence's, a frame is not
   *     GrayU8/GrayU16, or the frames differ in size
   */
  public void decode(List<? extends ImageBase> frames, DecodedMaps out) {
    decode(frames, 0, out);
  }

  /**
   * Decodes {@code frames} whose sensor reaches {@code fullScale} at saturation (e.g. 4095 for 12-bit values
   * stored unshifted in GrayU16 frames; 0 for the sample type's nominal 255 / 65535): the shadow threshold
   * and saturation level of the {@link DecoderConfig} are fractions of it, so one configuration serves every
   * sensor depth. The ratios (bit contrast, modulation, confidence) do not depend on it.
   *
   * @throws IllegalArgumentException as {@link #decode(List, DecodedMaps)}, and when {@code fullScale} is
   *     negative, above the sample type's range, or not 65535 for a sequence mixing 8- and 16-bit frames
   */
  public void decode(List<? extends ImageBase> frames, int fullScale, DecodedMaps out) {
    if (frames.size() != sequence.size()) {
      throw new IllegalArgumentException(
          "got " + frames.size() + " frames, the sequence describes " + sequence.size());
    }
    FrameRows rows = FrameRows.of(frames, fullScale);
    out.reshape(rows.width, rows.height);
    Units units = Units.of(rows, out);
    AtomicInteger next = new AtomicInteger();
    if (pool == null) {
      work(workers[0], rows, out, next, units);
      return;
    }
    List<Future<?>> futures = new ArrayList<>(workers.length - 1);
    for (int t = 1; t < workers.length; t++) {
      RowDecoder worker = workers[t];
      futures.add(pool.submit(() -> work(worker, rows, out, next, units)));
    }
    RuntimeException failure = null;
    try {
      work(workers[0], rows, out, next, units);
    } catch (RuntimeException e) {
      failure = e;
    }
    for (Future<?> fu : futures) {
      try {
        fu.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while decoding", e);
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = new IllegalStateException("decode worker failed", e.getCause());
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * How the image is cut into work units: {@code count} units; with {@code flat} unit u covers flat pixels
   * [u SPAN, min(total, (u + 1) SPAN)) of row 0's index space, else unit u is row u.
   */
  private record Units(boolean flat, int count, int total, int width) {
    static Units of(FrameRows rows, DecodedMaps out) {
      int w = rows.width;
      boolean flat = rows.compact() && out.projU.stride() == w && out.projV.stride() == w
          && out.confidence.stride() == w && out.mask.stride() == w && out.reason.stride() == w;
      int total = w * rows.height;
      return flat ? new Units(true, (total + SPAN - 1) / SPAN, total, w) : new Units(false, rows.height, total, w);
    }
  }

  private static void work(RowDecoder worker, FrameRows frames, DecodedMaps out, AtomicInteger next, Units units) {
    for (int u = next.getAndIncrement(); u < units.count(); u = next.getAndIncrement()) {
      if (units.flat()) {
        int x0 = u * SPAN;
        worker.decodeSpan(frames, 0, x0, Math.min(SPAN, units.total() - x0), out);
      } else {
        worker.decodeSpan(frames, u, 0, units.width(), out);
      }
    }
  }

  /** Stops the worker pool. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
