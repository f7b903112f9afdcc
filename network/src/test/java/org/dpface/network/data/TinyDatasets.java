package org.dpface.network.data;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.sample.SampleShape;
import org.dpface.dataset.store.DatasetConfig;
import org.dpface.dataset.store.DatasetWriter;
import org.dpface.dataset.store.SplitRatios;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;

/**
 * A tiny dataset on disk for tests: {@link SyntheticDpSource} samples (4 subjects) written by
 * dataset-tools' {@link DatasetWriter}, split 2 / 1 / 1 subjects into train / val / test.
 */
public final class TinyDatasets {
  /** Sample side (px). */
  public static final int SIZE = 40;

  private TinyDatasets() {}

  /** The synthetic source the dataset is written from. */
  public static SyntheticDpSource source(int count) throws IOException {
    CameraSpec cam = BundledRigs.load("virtual-8cam").cameras().get(0);
    return new SyntheticDpSource(cam, SIZE, SIZE, count, 11, 850, 1100);
  }

  /** Writes {@code count} samples to {@code dir}; returns the samples as written. */
  public static List<Sample> write(Path dir, int count) throws IOException {
    SyntheticDpSource src = source(count);
    List<Sample> samples = new ArrayList<>();
    TreeSet<String> subjects = new TreeSet<>();
    for (int i = 0; i < count; i++) {
      DpSample d = src.get(i);
      samples.add(DatasetSamples.toSample(d, "ses-0001", "cam0"));
      subjects.add(d.subjectId());
    }
    DatasetConfig cfg = DatasetConfig.defaults(new SampleShape(SIZE, SIZE, 1),
        DatasetSamples.axisOf(src.optics().splitAxis()), "test", Instant.parse("2024-01-01T00:00:00Z"))
        .withRatios(new SplitRatios(0.5, 0.25, 0.25)).withSeed(3).withMaxShardBytes(40_000);
    DatasetWriter.write(dir, subjects, samples.iterator(), cfg);
    return samples;
  }
}
