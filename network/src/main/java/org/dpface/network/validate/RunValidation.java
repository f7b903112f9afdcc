package org.dpface.network.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dpface.dataset.store.DatasetFiles;
import org.dpface.network.data.SampleSource;
import org.dpface.network.data.ShardSampleSource;
import org.dpface.network.train.TrainRun;

/**
 * Validates trained run directories on any {@link SampleSource} (a dataset split, or samples registered in
 * memory from a fresh capture), optionally alongside a {@link ConstantDisparityPredictor} floor. The models are
 * loaded here and closed when done.
 */
public final class RunValidation {
  private RunValidation() {}

  /**
   * @param runs training run directories (each with {@code run.json} and {@code checkpoint/})
   * @param source the samples to validate on
   * @param floor the constant-disparity floor, or null for none
   * @param label dataset path or name recorded in the report
   * @param split split name recorded in the report
   * @param outDir output directory (metrics.json, metrics.md, metrics.html, pictures/)
   * @param pictureSamples samples that get comparison pictures
   */
  public static Validator.Report validate(List<Path> runs, SampleSource source, ConstantDisparityPredictor floor,
      String label, String split, Path outDir, int pictureSamples) throws IOException {
    List<DepthPredictor> predictors = new ArrayList<>();
    try {
      for (Path run : runs) {
        predictors.add(TrainedPredictor.load(run));
      }
      if (floor != null) {
        predictors.add(floor);
      }
      return new Validator(pictureSamples).run(predictors, source, label, split, outDir);
    } finally {
      predictors.forEach(DepthPredictor::close);
    }
  }

  /**
   * The floor a run's own training data gives: the mean true disparity of the {@code train} split of the
   * dataset recorded in its {@code run.json}, when that dataset is still readable; empty otherwise (a floor
   * computed from the validation samples themselves would use their truth).
   */
  public static Optional<ConstantDisparityPredictor> trainingFloor(Path runDir) throws IOException {
    String dataset = TrainRun.read(runDir).dataset();
    if (dataset == null || dataset.isBlank() || !Files.isRegularFile(Path.of(dataset).resolve(DatasetFiles.INDEX))) {
      return Optional.empty();
    }
    try (ShardSampleSource train = new ShardSampleSource(Path.of(dataset), "train")) {
      return train.size() == 0 ? Optional.empty() : Optional.of(ConstantDisparityPredictor.meanOf(train));
    }
  }
}
