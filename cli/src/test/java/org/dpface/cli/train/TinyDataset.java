package org.dpface.cli.train;

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
import org.dpface.network.data.DatasetSamples;
import org.dpface.network.data.DpSample;
import org.dpface.network.data.SyntheticDpSource;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;

/**
 * A tiny dataset on disk for CLI tests: 40×40 {@link SyntheticDpSource} samples of 4 subjects, written
 * by {@link DatasetWriter}; 2 / 1 / 1 subjects in train / val / test.
 */
public final class TinyDataset {
  private TinyDataset() {}

  /** Writes {@code count} samples into {@code dir}. */
  public static void write(Path dir, int count) throws IOException {
    CameraSpec cam = BundledRigs.load("virtual-8cam").cameras().get(0);
    SyntheticDpSource src = new SyntheticDpSource(cam, 40, 40, count, 5, 850, 1100);
    List<Sample> samples = new ArrayList<>();
    TreeSet<String> subjects = new TreeSet<>();
    for (int i = 0; i < count; i++) {
      DpSample d = src.get(i);
      samples.add(DatasetSamples.toSample(d, "ses-0001", "cam0"));
      subjects.add(d.subjectId());
    }
    DatasetConfig cfg = DatasetConfig.defaults(new SampleShape(40, 40, 1),
        DatasetSamples.axisOf(src.optics().splitAxis()), "test", Instant.parse("2024-01-01T00:00:00Z"))
        .withRatios(new SplitRatios(0.5, 0.25, 0.25)).withSeed(3);
    DatasetWriter.write(dir, subjects, samples.iterator(), cfg);
  }
}
