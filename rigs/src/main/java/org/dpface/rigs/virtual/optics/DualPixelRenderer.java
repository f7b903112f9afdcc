package org.dpface.rigs.virtual.optics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.dpface.core.image.GrayF32;
import org.dpface.core.image.GrayU8;

/**
 * Dual-pixel defocus image formation: sharp linear radiance + planar depth (mm) → the left and right
 * DP views (or their sum, the ordinary defocused image) of a thin lens, with per-pixel blur.
 *
 * <p>Model (Punnappurath et al. 2020, "Modeling Defocus-Disparity in Dual-Pixel Sensors"; the
 * layered DP simulation of Abuolaim et al. 2021, "Learning to Reduce Defocus Blur by Realistically
 * Modeling Dual-Pixel Data", after Hasinoff &amp; Kutulakos 2007): each pixel is a point of radiance
 * spread by its signed blur disc c(Z) ({@link ThinLensDp}); the left and right views receive the two
 * half-aperture kernels of {@link DpKernelBank}, mirror images along the camera's split axis that swap
 * when c &lt; 0 (in front of focus). Views are in the radiance's units: each half receives half the light,
 * so left + right is the full-aperture image.
 *
 * <p>Algorithm overview (occlusion by depth layers with scatter inside each layer):
 * <ol>
 *   <li>classify pixels into layers of {@code layerStepPx} of signed blur, front to back; pixels
 *       without a surface form a background layer behind all of them;
 *   <li>per layer, scatter every pixel's radiance and unit coverage with its own exact kernel (no blur
 *       quantisation beyond the fine kernel step), per half;
 *   <li>composite layers front to back: a layer is attenuated by the blurred opacity of the layers two
 *       or more steps in front; the adjacent layer adds linearly, so a smooth surface spanning layers
 *       is blurred exactly like a linear space-variant scatter, without seams;
 *   <li>resolve: where the composited coverage falls short of full (the region behind a blurred
 *       occluder that the sharp image cannot show, or the image border), fill with the normalised
 *       radiance of the farthest layer reaching the pixel; where adjacent layers overlap (folds),
 *       normalise.
 * </ol>
 * Properties: exact linear blur (energy and DP disparity preserved) inside one surface away from the
 * image border; no dark or bright halos at occlusion edges for uniform radiance (the fill supplies the
 * hidden surface); partial occlusion (a blurred occluder turning translucent at its rim) is modelled.
 * Limits: the hidden surface behind an occluder is assumed to continue with its visible radiance; depth
 * steps smaller than about one to two layer steps of blur blend instead of occluding; blur diameters are
 * clamped to {@code maxBlurDiameterPx}; no diffraction, aberrations or vignetting.
 *
 * <p>Threads: rows are split into bands processed in a bounded pool; output is bit-identical for every
 * thread count. Work buffers are reused across calls; a renderer is not safe for concurrent calls.
 * Cost grows with the kernel area, about π c² / 4 taps per pixel.
 */
public final class DualPixelRenderer implements AutoCloseable {
  private final DpRenderConfig config;
  private final DpFrame frame = new DpFrame();
  /** Classification buffers of the calls that take depth, mask and optics (reused). */
  private final DpLayers ownLayers = new DpLayers();
  private final ExecutorService pool;
  private DpKernelBank bank;

  public DualPixelRenderer(DpRenderConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    if (config.threads() > 1) {
      AtomicInteger serial = new AtomicInteger();
      pool = Executors.newFixedThreadPool(config.threads(), r -> {
        Thread t = new Thread(r, "dp-render-" + serial.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    } else {
      pool = null;
    }
  }

  public DpRenderConfig config() {
    return config;
  }

  /**
   * Renders the DP pair.
   *
   * @param radiance sharp linear radiance, any layout
   * @param depthMm planar depth (mm) of the same shape; ≤ 0 or non-finite = no surface (background)
   * @param mask optional (null), nonzero = surface; pixels with mask 0 are background
   * @param optics the camera's lens, pitch and split axis
   * @param left output, reshaped to the radiance's size
   * @param right output, reshaped to the radiance's size
   */
  public void renderPair(GrayF32 radiance, GrayF32 depthMm, GrayU8 mask, ThinLensDp optics,
      GrayF32 left, GrayF32 right) {
    radiance.checkSameShape(depthMm);
    classifyInto(ownLayers, depthMm, mask, optics);
    renderPair(radiance, ownLayers, left, right);
  }

  /**
   * Renders the DP pair of a view classified once by {@link #classify}: the same bytes as {@link
   * #renderPair(GrayF32, GrayF32, GrayU8, ThinLensDp, GrayF32, GrayF32)} with the depth, mask and optics
   * the layers were made from, without classifying again.
   *
   * @param radiance sharp linear radiance, the layers' size, any layout
   * @param layers from {@link #classify} of a renderer with the same settings (threads aside)
   */
  public void renderPair(GrayF32 radiance, DpLayers layers, GrayF32 left, GrayF32 right) {
    render(radiance, layers);
    left.reshape(radiance.width(), radiance.height());
    right.reshape(radiance.width(), radiance.height());
    forBands(frame.height, (y0, y1) -> {
      DpBandCompositor.resolveBand(frame, 0, left, false, y0, y1);
      DpBandCompositor.resolveBand(frame, 1, right, false, y0, y1);
    });
  }

  /**
   * Renders the ordinary full-aperture defocused image, exactly the sum left + right of
   * {@link #renderPair} with the same inputs (same code path). Use {@link ThinLensDp#withFNumber} for a
   * different aperture, e.g. structured-light frames.
   */
  public void renderFull(GrayF32 radiance, GrayF32 depthMm, GrayU8 mask, ThinLensDp optics,
      GrayF32 full) {
    radiance.checkSameShape(depthMm);
    classifyInto(ownLayers, depthMm, mask, optics);
    renderFull(radiance, ownLayers, full);
  }

  /** {@link #renderFull(GrayF32, GrayF32, GrayU8, ThinLensDp, GrayF32)} of a classified view. */
  public void renderFull(GrayF32 radiance, DpLayers layers, GrayF32 full) {
    render(radiance, layers);
    full.reshape(radiance.width(), radiance.height());
    forBands(frame.height, (y0, y1) -> {
      DpBandCompositor.resolveBand(frame, 0, full, false, y0, y1);
      DpBandCompositor.resolveBand(frame, 1, full, true, y0, y1);
    });
  }

  /**
   * Classifies a view into depth layers for this renderer's settings and records the
   * radiance-independent side of its composite (allocates a new {@link DpLayers}, about 70 bytes per
   * pixel; costs about two ordinary renders): keep it while depth, mask and optics stay fixed and
   * render any number of radiance images with it.
   *
   * @param depthMm planar depth (mm); ≤ 0 or non-finite = no surface (background)
   * @param mask optional (null), nonzero = surface; same shape as the depth
   * @param optics the camera's lens, pitch and split axis
   */
  public DpLayers classify(GrayF32 depthMm, GrayU8 mask, ThinLensDp optics) {
    DpLayers l = new DpLayers();
    classifyInto(l, depthMm, mask, optics);
    int background = l.layerCount - 1;
    if (l.layerStart[background] < l.layerStart[background + 1]) {
      // The coverage-only composite (zero radiance, uniform background), recorded once.
      frame.reshape(l);
      frame.planned = false;
      frame.backgroundUniform = true;
      frame.backgroundValue = 0f;
      frame.resetAccumulators();
      DpCompositePlan.Builder b = new DpCompositePlan.Builder(l.layerCount, l.width * l.height);
      DpBandCompositor.renderBand(frame, new GrayF32(l.width, l.height), 0, l.height, b);
      l.plan = b.build(frame);
    }
    return l;
  }

  private void classifyInto(DpLayers l, GrayF32 depthMm, GrayU8 mask, ThinLensDp optics) {
    if (mask != null) {
      depthMm.checkSameShape(mask);
    }
    DpKernelBank b = bank;
    if (b == null || b.splitSoftness() != optics.splitSoftness()) {
      b = new DpKernelBank(config.kernelStepPx(), config.maxBlurDiameterPx(), optics.splitSoftness());
      bank = b;
    }
    double background = Double.isNaN(config.backgroundBlurPx())
        ? optics.blurDiameterAtInfinityPx() : config.backgroundBlurPx();
    l.reshape(depthMm.width(), depthMm.height());
    l.config = config.withThreads(1);
    l.bank = b;
    l.axis = optics.splitAxis();
    l.classify(depthMm, mask, optics, b, config.layerStepPx(), background);
    forBands(l.height, (y0, y1) -> DpBandCompositor.backgroundCoverageBand(l, y0, y1));
  }

  private void render(GrayF32 radiance, DpLayers layers) {
    if (!config.withThreads(1).equals(layers.config)) {
      throw new IllegalArgumentException("layers were classified with " + layers.config
          + ", this renderer uses " + config);
    }
    if (radiance.width() != layers.width || radiance.height() != layers.height) {
      throw new IllegalArgumentException("radiance is " + radiance.width() + "x" + radiance.height()
          + " but the layers are " + layers.width + "x" + layers.height);
    }
    frame.reshape(layers);
    frame.checkUniformBackground(radiance);
    frame.planned = frame.backgroundUniform && layers.plan != null;
    if (frame.planned) {
      frame.resetRadiance();
      forBands(frame.height, (y0, y1) -> DpBandCompositor.renderBandPlanned(frame, radiance, y0, y1));
    } else {
      frame.resetAccumulators();
      forBands(frame.height, (y0, y1) -> DpBandCompositor.renderBand(frame, radiance, y0, y1));
    }
  }

  private interface BandTask {
    void run(int y0, int y1);
  }

  /** Runs the task over row bands: on this thread with 1 thread, else 2 bands per thread in the pool. */
  private void forBands(int height, BandTask task) {
    if (pool == null || height < 2) {
      task.run(0, height);
      return;
    }
    int bands = Math.min(height, 2 * config.threads());
    List<Future<?>> futures = new ArrayList<>(bands);
    for (int b = 0; b < bands; b++) {
      int y0 = (int) ((long) height * b / bands);
      int y1 = (int) ((long) height * (b + 1) / bands);
      futures.add(pool.submit(() -> task.run(y0, y1)));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering", e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  /** Stops the pool's threads. */
  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
