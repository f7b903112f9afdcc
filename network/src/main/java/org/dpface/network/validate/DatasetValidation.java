package org.dpface.network.validate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
    List<DepthPredictor> predictors = new ArrayList<>();
    try (ShardSampleSource train = new ShardSampleSource(dataset, "train");
        ShardSampleSource source = new ShardSampleSource(dataset, split)) {
      for (Path run : runs) {
        predictors.add(TrainedPredictor.load(run));
      }
      predictors.add(ConstantDisparityPredictor.meanOf(train));
      return new Validator(pictureSamples).run(predictors, source, dataset.toString(), split, outDir);
    } finally {
      predictors.forEach(DepthPredictor::close);
    }
  }
}
