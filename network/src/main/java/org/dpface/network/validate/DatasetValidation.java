package org.dpface.network.validate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dpface.network.data.ShardSampleSource;

/**
 * Validates trained runs on one split of a dpface dataset directory, always alongside the
 * {@link ConstantDisparityPredictor} floor (the mean disparity of the dataset's {@code train} split).
 */
public final class DatasetValidation {
  private DatasetValidation() {}

  /**
   * @param runs training run directories (each with {@code run.json} and {@code checkpoint/})
   * @param dataset dataset directory
   * @param split split to validate on
   * @param outDir output directory (metrics.json, metrics.md, metrics.html, pictures/)
   * @param pictureSamples samples that get comparison pictures
   */
  public static Validator.Report validate(List<Path> runs, Path dataset, String split, Path outDir,
      int pictureSamples) throws IOException {
    try (ShardSampleSource train = new ShardSampleSource(dataset, "train");
        ShardSampleSource source = new ShardSampleSource(dataset, split)) {
      return RunValidation.validate(runs, source, ConstantDisparityPredictor.meanOf(train), dataset.toString(), split,
          outDir, pictureSamples);
    }
  }
}
