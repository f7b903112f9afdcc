package org.dpface.dataset.shard;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.List;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.sample.SampleShape;
import org.dpface.dataset.shard.ShardContract.ArraySpec;
import org.dpface.dataset.shard.ShardContract.RootAttribute;

/**
 * Pure-Java backend ({@link ShardBackend#JHDF}): jHDF 0.13.0 derives a dataset's shape from array nesting
 * and writes a file whole at close, so every numeric dataset is handed over as nested arrays
 * ({@code short[N][H][W][C]}) built from the samples' flat arrays. jHDF then encodes them to one flat
 * buffer per dataset, copies each chunk out run by run of the last dimension and deflates chunk by chunk
 * on one thread; see {@code docs/dataset-format.md} for what that costs.
 */
final class JhdfShardFileWriter implements ShardFileWriter {
  @Override
  public void write(Path file, ShardContent content) {
    int n = content.rows();
    SampleShape shape = content.shape();
    List<ArraySpec> specs = ShardContract.arrays(shape);
    try (WritableHdfFile out = HdfFile.write(file)) {
      for (RootAttribute a : content.attributes()) {
        out.putAttribute(a.name(), a.value());
      }
      for (int i = 0; i < specs.size(); i++) {
        ArraySpec spec = specs.get(i);
        Object first = nest(content.samples().get(0), i, shape);
        Object batch = Array.newInstance(first.getClass(), n);
        Array.set(batch, 0, first);
        for (int r = 1; r < n; r++) {
          Array.set(batch, r, nest(content.samples().get(r), i, shape));
        }
        DatasetCreationOptions.Builder options = DatasetCreationOptions.builder()
            .chunkDimensions(spec.datasetDims(1)).shuffle().deflate(content.deflateLevel());
        if (!spec.type().floating()) {
          options.unsigned();
        }
        out.putDataset(spec.name(), batch, options.build());
      }
      for (int i = 0; i < ShardContract.STRING_FIELDS.size(); i++) {
        out.putDataset(ShardContract.STRING_FIELDS.get(i), content.column(i));
      }
    }
  }

  private static Object nest(Sample s, int index, SampleShape shape) {
    int h = shape.height();
    int w = shape.width();
    return switch (index) {
      case 0 -> ShardArrays.nest(s.dpLeft(), h, w, shape.channels());
      case 1 -> ShardArrays.nest(s.dpRight(), h, w, shape.channels());
      case 2 -> ShardArrays.nest(s.depth(), h, w);
      case 3 -> ShardArrays.nest(s.normal(), h, w, 3);
      case 4 -> ShardArrays.nest(s.mask(), h, w);
      case 5 -> ShardArrays.nest(s.k(), 3, 3);
      case 6 -> ShardArrays.nest(s.cameraToWorld(), 4, 4);
      case 7 -> s.dpCoeffs().clone();
      default -> throw new IndexOutOfBoundsException("no numeric dataset " + index);
    };
  }
}
