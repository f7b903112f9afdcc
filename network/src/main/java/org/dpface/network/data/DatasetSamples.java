package org.dpface.network.data;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.sample.SampleIds;
import org.dpface.dataset.sample.SampleMetadata;
import org.dpface.dataset.sample.SampleShape;
import org.dpface.dataset.shard.DpAxis;
import org.dpface.rigs.SplitAxis;

/**
 * Converts between the network's {@link DpSample} (float views) and dataset-tools' shard
 * {@link Sample} (uint16 views).
 *
 * <p>Intensity scaling: a uint16 raw value r ∈ [0, 65535] is the float r / {@value #FULL_SCALE}, so
 * full scale is 1.0 (the virtual rig renders radiance around 0.5). Going to uint16, values are
 * multiplied by {@value #FULL_SCALE}, rounded and clamped to [0, 65535], so a round trip is exact to
 * 1/(2·65535). The networks normalise each sample by its mean ({@link DpBatch}), so the scale does not
 * change their input. DP images with C &gt; 1 channels are averaged to gray.
 *
 * <p>Metadata keys of a {@link DpSample} read from a dataset: {@code expression}, {@code distance}
 * (the shard's {@code position}), {@code direction}, {@code light}, {@code session}, {@code camera}.
 * Towards a dataset, missing keys become {@code neutral}, {@code forward}, {@code front},
 * {@code projector}; {@code camera_to_world} is the identity (a DpSample carries no pose).
 */
public final class DatasetSamples {
  /** uint16 value of float intensity 1.0. */
  public static final float FULL_SCALE = 65535f;

  private DatasetSamples() {}

  /** A shard sample as a network sample (allocates new float arrays for the views). */
  public static DpSample toDpSample(Sample s, DpAxis axis) {
    SampleShape shape = s.shape();
    int n = shape.pixels();
    int c = shape.channels();
    float[] l = new float[n];
    float[] r = new float[n];
    short[] sl = s.dpLeft();
    short[] sr = s.dpRight();
    float scale = 1f / (FULL_SCALE * c);
    for (int i = 0; i < n; i++) {
      int accL = 0;
      int accR = 0;
      for (int k = 0; k < c; k++) {
        accL += sl[i * c + k] & 0xFFFF;
        accR += sr[i * c + k] & 0xFFFF;
      }
      l[i] = accL * scale;
      r[i] = accR * scale;
    }
    float[] k = s.k();
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("expression", s.metadata().expression());
    meta.put("distance", s.metadata().position());
    meta.put("direction", s.metadata().direction());
    meta.put("light", s.metadata().light());
    meta.put("session", s.ids().sessionId());
    meta.put("camera", s.ids().cameraId());
    SplitAxis split = axis == DpAxis.HORIZONTAL ? SplitAxis.HORIZONTAL : SplitAxis.VERTICAL;
    return new DpSample(shape.width(), shape.height(), l, r, s.depth(), s.normal(), s.mask(),
        s.dpCoeffs()[0], s.dpCoeffs()[1], split, new double[] {k[0], k[4], k[2], k[5]},
        s.ids().sampleId(), s.ids().subjectId(), meta);
  }

  /**
   * A network sample as a one-channel shard sample.
   *
   * @param sessionId session id to record
   * @param cameraId camera id to record
   */
  public static Sample toSample(DpSample d, String sessionId, String cameraId) {
    int n = d.pixels();
    short[] l = new short[n];
    short[] r = new short[n];
    for (int i = 0; i < n; i++) {
      l[i] = toU16(d.left()[i]);
      r[i] = toU16(d.right()[i]);
    }
    double[] in = d.intrinsics();
    float[] k = {(float) in[0], 0, (float) in[2], 0, (float) in[1], (float) in[3], 0, 0, 1};
    float[] pose = new float[16];
    pose[0] = 1;
    pose[5] = 1;
    pose[10] = 1;
    pose[15] = 1;
    Map<String, String> m = d.metadata();
    SampleMetadata meta = new SampleMetadata(m.getOrDefault("expression", "neutral"),
        m.getOrDefault("distance", m.getOrDefault("position", "forward")),
        m.getOrDefault("direction", "front"), m.getOrDefault("light", "projector"));
    return new Sample(new SampleShape(d.height(), d.width(), 1),
        new SampleIds(d.sampleId(), d.subjectId(), sessionId, cameraId), meta, l, r,
        d.depthMm().clone(), d.normal().clone(), d.mask().clone(), k, pose,
        new float[] {(float) d.a(), (float) d.b()});
  }

  /** The dataset axis of a network split axis. */
  public static DpAxis axisOf(SplitAxis axis) {
    return axis == SplitAxis.HORIZONTAL ? DpAxis.HORIZONTAL : DpAxis.VERTICAL;
  }

  private static short toU16(float v) {
    float x = Math.round(v * FULL_SCALE);
    return (short) (int) Math.max(0, Math.min(65535, x));
  }
}
