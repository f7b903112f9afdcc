package org.dpface.dataset.build;

import java.util.List;
import java.util.Map;
import org.dpface.dataset.sample.SampleShape;
import org.dpface.dataset.store.DatasetModel;

/**
 * The outcome of registration and QC over a lab ({@code registration.json}, format
 * {@value #FORMAT} v{@value #VERSION}): every candidate sample with its crop and QC figures, whether it
 * goes into the dataset, and the error of the registered maps against the virtual rig's truth.
 * {@link DatasetBuilder#write} turns an included plan into shards without re-running QC.
 *
 * @param lab the lab folder read
 * @param recon folder of reconstructed meshes ({@code <session>/<take>/mesh.ply})
 * @param calibration calibration file used, or null
 * @param truth virtual-rig truth folder scored against, or null
 * @param rigId rig of the lab
 * @param provenance camera and DP coefficient sources (manifest calibration ids)
 * @param shape sample shape
 * @param dpAxis DP axis attribute
 * @param subjects subjects with takes (split over)
 * @param consentVersions consent form version per subject
 * @param samples every candidate sample, in build order
 * @param exclusions samples left out, with the reason
 * @param truthScore registered vs true maps (null without truth)
 */
public record BuildPlan(
    String format,
    int version,
    String lab,
    String recon,
    String calibration,
    String truth,
    String rigId,
    List<String> provenance,
    SampleShape shape,
    String dpAxis,
    List<String> subjects,
    Map<String, String> consentVersions,
    List<PlannedSample> samples,
    List<DatasetModel.QcExclusion> exclusions,
    TruthScore truthScore) {
  public static final String FORMAT = "dpface-registration";
  public static final int VERSION = 1;

  /** Samples that pass QC. */
  public List<PlannedSample> included() {
    return samples.stream().filter(PlannedSample::included).toList();
  }

  /**
   * One candidate sample: a (take, camera, lamp step).
   *
   * @param cropX0 crop origin (px) in the camera image
   * @param cropY0 crop origin (px)
   * @param validFraction QC: registered fraction of the face region
   * @param depthMinMm QC: nearest registered depth
   * @param depthMaxMm QC: farthest registered depth
   * @param disparityWindows QC: confident DP windows
   * @param disparityErrorPx QC: median |measured − predicted| DP disparity
   * @param disparityBiasPx QC: median signed measured − predicted
   * @param clippedFraction QC: clipped fraction of valid pixels
   * @param included whether the sample passed QC
   * @param reason why it was excluded (empty when included)
   */
  public record PlannedSample(
      String sampleId,
      String subjectId,
      String sessionId,
      String takeId,
      String cameraId,
      int step,
      String light,
      String expression,
      String position,
      String direction,
      int cropX0,
      int cropY0,
      double validFraction,
      double depthMinMm,
      double depthMaxMm,
      int disparityWindows,
      double disparityErrorPx,
      double disparityBiasPx,
      double clippedFraction,
      boolean included,
      String reason) {}

  /**
   * Registered depth and normals against the true per-view maps, over crop pixels valid in both.
   *
   * @param views (take, camera) pairs scored
   * @param pixels pixels compared
   * @param depthMedianMm median |ΔZ| (mm)
   * @param depthP95Mm 95th percentile |ΔZ| (mm)
   * @param normalMedianDeg median angle between normals (degrees)
   * @param normalP95Deg 95th percentile angle (degrees)
   * @param maskIou IoU of the registered and true masks inside the crops
   */
  public record TruthScore(
      int views, long pixels, double depthMedianMm, double depthP95Mm, double normalMedianDeg, double normalP95Deg, double maskIou) {}
}
