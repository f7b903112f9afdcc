package org.dpface.dataset.shard;

import java.util.List;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.sample.SampleShape;
import org.dpface.dataset.shard.ShardContract.RootAttribute;

/**
 * Everything one shard file holds, handed to a writer backend: the samples in row order (their arrays
 * are referenced, not copied) and the settings from which the root attributes follow.
 */
record ShardContent(String split, SampleShape shape, DpAxis dpAxis, int deflateLevel, List<Sample> samples) {
  ShardContent {
    samples = List.copyOf(samples);
  }

  int rows() {
    return samples.size();
  }

  List<RootAttribute> attributes() {
    return ShardContract.rootAttributes(split, rows(), shape, dpAxis);
  }

  /**
   * The flat array of numeric dataset {@code index} ({@link ShardContract#arrays} order) of one sample:
   * {@code short[]} for uint16, {@code float[]} for float32, {@code byte[]} for uint8.
   */
  static Object array(Sample s, int index) {
    return switch (index) {
      case 0 -> s.dpLeft();
      case 1 -> s.dpRight();
      case 2 -> s.depth();
      case 3 -> s.normal();
      case 4 -> s.mask();
      case 5 -> s.k();
      case 6 -> s.cameraToWorld();
      case 7 -> s.dpCoeffs();
      default -> throw new IndexOutOfBoundsException("no numeric dataset " + index);
    };
  }

  /** The string column {@code index} ({@link ShardContract#STRING_FIELDS} order) for every row. */
  String[] column(int index) {
    String[] out = new String[rows()];
    for (int r = 0; r < out.length; r++) {
      Sample s = samples.get(r);
      out[r] = switch (index) {
        case 0 -> s.ids().sampleId();
        case 1 -> s.ids().subjectId();
        case 2 -> s.ids().sessionId();
        case 3 -> s.ids().cameraId();
        case 4 -> s.metadata().expression();
        case 5 -> s.metadata().position();
        case 6 -> s.metadata().direction();
        case 7 -> s.metadata().light();
        default -> throw new IndexOutOfBoundsException("no string column " + index);
      };
    }
    return out;
  }
}
