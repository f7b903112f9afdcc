package org.dpface.reconstruction.pipeline;

import java.util.Objects;
import org.dpface.reconstruction.codec.DecoderConfig;
import org.dpface.reconstruction.fuse.TsdfConfig;
import org.dpface.reconstruction.triangulate.TriangulationConfig;

/**
 * Options of {@link Reconstructor}. Immutable; {@link #defaults()} then {@code withX}; {@link #check()}
 * validates.
 *
 * @param decoder decoder thresholds, fractions of the frames' full scale: the one the take's
 *     {@link TakeInput.FrameSource#fullScale} declares (a 12-bit sensor in 16-bit frames: 4095), else the
 *     sample type's nominal 255 / 65535
 * @param triangulation triangulation method and outlier limits
 * @param fusion TSDF options (voxel, islands, optional world bounds that remove the background)
 * @param threads worker threads of the decoder and the triangulators (results do not depend on it)
 * @param cameraPartners camera-camera pairs per camera for an uncalibrated projector: each camera is
 *     paired with this many other cameras, nearest optical centres first (0 disables camera pairs)
 * @param mergeToleranceMm when merging the views of one camera, views whose depth lies within this of the
 *     most confident view's depth are averaged with it (confidence weights); others are dropped there
 * @param minComponentFraction connected components of the fused mesh with fewer triangles than this
 *     fraction of the largest one are removed (background specks and stray surfaces); 0 keeps all. Not 1:
 *     a face seen by few cameras can fuse into several large pieces (on virtual-8cam with 3 cameras the
 *     second piece holds a quarter of the triangles)
 * @param qcStep QC compares every {@code qcStep}-th pixel row and column of each merged view with the mesh
 * @param qcSearchMm QC search radius (mm): samples farther from the fused surface count as unexplained
 */
public record ReconstructionConfig(
    DecoderConfig decoder,
    TriangulationConfig triangulation,
    TsdfConfig fusion,
    int threads,
    int cameraPartners,
    double mergeToleranceMm,
    double minComponentFraction,
    int qcStep,
    double qcSearchMm) {

  /**
   * Decoder defaults, triangulation defaults, TSDF defaults (0.5 mm voxels) with 2 threads, 2 threads,
   * 2 camera partners, 1 mm merge tolerance, components below 5% of the largest removed, QC on every 2nd pixel within 5 mm.
   */
  public static ReconstructionConfig defaults() {
    return new ReconstructionConfig(DecoderConfig.defaults(), TriangulationConfig.defaults(),
        TsdfConfig.defaults().withThreads(2), 2, 2, 1.0, 0.05, 2, 5.0);
  }

  /**
   * {@link DecoderConfig#defaults()} with the shadow threshold and saturation level rescaled for frames
   * whose sensor fills only {@code bits} of the 16-bit container (a 14-bit raw stored unshifted reaches
   * 16383, not 65535), for frames decoded against the nominal 65535. Prefer declaring the frames' full
   * scale ({@link TakeInput.FrameSource#fullScale}, or {@code PatternDecoder.decode(frames, fullScale, out)})
   * with {@link DecoderConfig#defaults()}: the same tests without rescaled thresholds.
   */
  public static DecoderConfig decoderForBits(int bits) {
    if (bits < 1 || bits > 16) {
      throw new IllegalArgumentException("bits must be in 1..16, got " + bits);
    }
    DecoderConfig d = DecoderConfig.defaults();
    double s = ((1 << bits) - 1) / 65535.0;
    return new DecoderConfig(d.shadowThreshold() * s, d.saturationLevel() * s, d.minBitContrast(),
        d.minModulation());
  }

  public ReconstructionConfig withDecoder(DecoderConfig d) {
    return new ReconstructionConfig(d, triangulation, fusion, threads, cameraPartners, mergeToleranceMm,
        minComponentFraction, qcStep, qcSearchMm);
  }

  public ReconstructionConfig withTriangulation(TriangulationConfig t) {
    return new ReconstructionConfig(decoder, t, fusion, threads, cameraPartners, mergeToleranceMm,
        minComponentFraction, qcStep, qcSearchMm);
  }

  public ReconstructionConfig withFusion(TsdfConfig f) {
    return new ReconstructionConfig(decoder, triangulation, f, threads, cameraPartners, mergeToleranceMm,
        minComponentFraction, qcStep, qcSearchMm);
  }

  public ReconstructionConfig withThreads(int t) {
    return new ReconstructionConfig(decoder, triangulation, fusion.withThreads(t), t, cameraPartners,
        mergeToleranceMm, minComponentFraction, qcStep, qcSearchMm);
  }

  public ReconstructionConfig withCameraPartners(int n) {
    return new ReconstructionConfig(decoder, triangulation, fusion, threads, n, mergeToleranceMm,
        minComponentFraction, qcStep, qcSearchMm);
  }

  public ReconstructionConfig withMergeTolerance(double mm) {
    return new ReconstructionConfig(decoder, triangulation, fusion, threads, cameraPartners, mm,
        minComponentFraction, qcStep, qcSearchMm);
  }

  public ReconstructionConfig withMinComponentFraction(double f) {
    return new ReconstructionConfig(decoder, triangulation, fusion, threads, cameraPartners, mergeToleranceMm,
        f, qcStep, qcSearchMm);
  }

  public ReconstructionConfig withQc(int step, double searchMm) {
    return new ReconstructionConfig(decoder, triangulation, fusion, threads, cameraPartners, mergeToleranceMm,
        minComponentFraction, step, searchMm);
  }

  /** Returns this after checking every field (and the nested configurations). */
  public ReconstructionConfig check() {
    Objects.requireNonNull(decoder, "decoder");
    Objects.requireNonNull(triangulation, "triangulation").check();
    Objects.requireNonNull(fusion, "fusion").check();
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (cameraPartners < 0) {
      throw new IllegalArgumentException("cameraPartners must be >= 0, got " + cameraPartners);
    }
    if (!(mergeToleranceMm >= 0) || Double.isInfinite(mergeToleranceMm)) {
      throw new IllegalArgumentException("mergeToleranceMm must be finite and >= 0, got " + mergeToleranceMm);
    }
    if (!(minComponentFraction >= 0 && minComponentFraction <= 1)) {
      throw new IllegalArgumentException("minComponentFraction must be in [0, 1], got " + minComponentFraction);
    }
    if (qcStep < 1) {
      throw new IllegalArgumentException("qcStep must be >= 1, got " + qcStep);
    }
    if (!(qcSearchMm > 0) || Double.isInfinite(qcSearchMm)) {
      throw new IllegalArgumentException("qcSearchMm must be finite and > 0, got " + qcSearchMm);
    }
    return this;
  }
}
