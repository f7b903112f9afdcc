package org.dpface.reconstruction.pipeline;

import java.util.List;

/**
 * Quality figures of one reconstructed take (persisted as JSON by {@link QcReportFiles}, format
 * {@value #FORMAT} version {@value #VERSION}). Lengths in mm, areas in mm², times in ms. Everything here is
 * computed without ground truth: it is what an operator can check on a real capture.
 *
 * @param views one entry per triangulated pair, in result order
 * @param cameras one entry per camera (its merged view against the fused mesh), in take order
 * @param mesh the fused mesh
 * @param timings wall time per stage
 */
public record QcReport(List<PairQc> views, List<CameraQc> cameras, MeshQc mesh, StageTimes timings) {
  public static final String FORMAT = "dpface-reconstruction-qc";
  public static final int VERSION = 1;

  public QcReport {
    views = List.copyOf(views);
    cameras = List.copyOf(cameras);
  }

  /**
   * One triangulated pair.
   *
   * @param id pair name, e.g. {@code cam0-proj0} or {@code cam0-cam1@proj1}
   * @param camera camera id
   * @param projector projector id whose codes were used
   * @param partner the other camera for a camera pair, or null for a camera-projector pair
   * @param decodedFraction fraction of the camera's pixels the decoder accepted for this projector
   * @param triangulatedFraction fraction of the camera's pixels with a triangulated point
   */
  public record PairQc(String id, String camera, String projector, String partner, double decodedFraction,
      double triangulatedFraction) {}

  /**
   * One camera's merged depth against the fused surface (consistency between views).
   *
   * @param camera camera id
   * @param validFraction fraction of pixels with merged depth
   * @param sampled merged pixels compared (every QC-step-th row and column)
   * @param medianMm median distance of those samples to the fused surface
   * @param p95Mm 95th percentile of that distance
   * @param explainedFraction fraction of the samples within the QC search radius of the fused surface
   *     (coverage of this camera's observations by the mesh)
   */
  public record CameraQc(String camera, double validFraction, int sampled, double medianMm, double p95Mm,
      double explainedFraction) {}

  /**
   * The fused mesh.
   *
   * @param vertices vertex count
   * @param faces triangle count
   * @param areaMm2 observed surface area
   * @param components connected components
   * @param boundaryEdges edges used by one triangle only
   * @param boundaryLengthMm their total length
   * @param boundaryLoops closed chains of boundary edges (outer rims and holes)
   * @param holes boundary loops beyond one outer rim per open component
   * @param medianDisagreementMm median over every camera's samples of the distance to the fused surface
   */
  public record MeshQc(int vertices, int faces, double areaMm2, int components, int boundaryEdges,
      double boundaryLengthMm, int boundaryLoops, int holes, double medianDisagreementMm) {}

  /** Wall time per stage (ms) and their sum. */
  public record StageTimes(double decodeMs, double triangulateMs, double mergeMs, double fuseMs, double qcMs) {
    public double totalMs() {
      return decodeMs + triangulateMs + mergeMs + fuseMs + qcMs;
    }
  }
}
