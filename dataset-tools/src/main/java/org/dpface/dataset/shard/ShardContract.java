package org.dpface.dataset.shard;

import java.util.List;
import org.dpface.dataset.sample.SampleShape;

/**
 * The on-disk contract of one HDF5 shard (see {@code docs/dataset-format.md}): names, element types and
 * shapes of the batch-first arrays, and the root attributes. Shared by the writer, the reader and the
 * verifier so the three cannot drift apart.
 */
public final class ShardContract {
  /** Root attribute {@code format}. */
  public static final String FORMAT = "dpface-shard";
  /** Root attribute {@code version}; bump on any incompatible layout change. */
  public static final int VERSION = 1;

  /** Per-sample string datasets (1-D, length N, UTF-8 fixed-length, contiguous). */
  public static final List<String> STRING_FIELDS =
      List.of("sample_id", "subject_id", "session_id", "camera_id", "expression", "position", "direction", "light");

  /** HDF5 filter ids written on every numeric dataset, in pipeline order: shuffle (2), deflate (1). */
  public static final List<Integer> FILTER_IDS = List.of(2, 1);

  /** Fixed root attributes describing units and frames (name, value). */
  public static final List<String[]> CONVENTIONS =
      List.of(
          new String[] {"length_unit", "mm"},
          new String[] {"depth", "planar Z in mm along the camera z axis, float32, 0 = invalid; never ray length"},
          new String[] {"camera_frame", "OpenCV: x right, y down, z forward; pixel (u, v) = (column, row), integer coordinates are pixel centres"},
          new String[] {"normal", "unit vectors in the camera frame, oriented toward the camera (n . X < 0); 0 where invalid"},
          new String[] {"mask", "uint8, 1 = valid ground truth, 0 = invalid"},
          new String[] {"camera_to_world", "4x4 row-major rigid transform, X_world = T X_camera, translation in mm"},
          new String[] {"K", "3x3 row-major pinhole intrinsics of this sample's pixel grid, px"},
          new String[] {"dp_model", "d = a / Z + b with dp_coeffs = (a, b); d in px along dp_axis, Z in mm; d > 0 behind the focus plane"},
          new String[] {"dp_images", "uint16 linear raw values, N x H x W x C"});

  /** One numeric per-sample array: name, HDF5 element kind and per-sample shape. */
  public record ArraySpec(String name, ElementType type, int[] sampleDims) {
    /** Dataset dimensions for {@code rows} samples: {@code [rows, sampleDims...]}. */
    public int[] datasetDims(int rows) {
      int[] d = new int[sampleDims.length + 1];
      d[0] = rows;
      System.arraycopy(sampleDims, 0, d, 1, sampleDims.length);
      return d;
    }

    /** Elements in one sample. */
    public int sampleElements() {
      int n = 1;
      for (int d : sampleDims) {
        n *= d;
      }
      return n;
    }
  }

  /** Element types used by the contract. */
  public enum ElementType {
    UINT8(1, false),
    UINT16(2, false),
    FLOAT32(4, true);

    private final int bytes;
    private final boolean floating;

    ElementType(int bytes, boolean floating) {
      this.bytes = bytes;
      this.floating = floating;
    }

    /** Bytes per element. */
    public int bytes() {
      return bytes;
    }

    /** Whether this is an IEEE float type (else an unsigned integer). */
    public boolean floating() {
      return floating;
    }
  }

  private ShardContract() {}

  /** One root attribute: an {@code int32} ({@link Integer}) or a fixed-length UTF-8 string ({@link String}). */
  public record RootAttribute(String name, Object value) {
    public RootAttribute {
      if (!(value instanceof Integer) && !(value instanceof String)) {
        throw new IllegalArgumentException("attribute " + name + ": value must be Integer or String, got " + value);
      }
    }
  }

  /**
   * The root attributes of a shard in file order, the same for every writer backend: {@code format},
   * {@code version}, {@code split}, {@code rows}, the sample shape, {@code dp_axis}, then the
   * {@link #CONVENTIONS}.
   */
  public static List<RootAttribute> rootAttributes(String split, int rows, SampleShape shape, DpAxis dpAxis) {
    List<RootAttribute> out = new java.util.ArrayList<>();
    out.add(new RootAttribute("format", FORMAT));
    out.add(new RootAttribute("version", VERSION));
    out.add(new RootAttribute("split", split));
    out.add(new RootAttribute("rows", rows));
    out.add(new RootAttribute("sample_height", shape.height()));
    out.add(new RootAttribute("sample_width", shape.width()));
    out.add(new RootAttribute("dp_channels", shape.channels()));
    out.add(new RootAttribute("dp_axis", dpAxis.attribute()));
    for (String[] kv : CONVENTIONS) {
      out.add(new RootAttribute(kv[0], kv[1]));
    }
    return List.copyOf(out);
  }

  /** The numeric arrays of a shard with samples of {@code shape}, in file order. */
  public static List<ArraySpec> arrays(SampleShape shape) {
    int h = shape.height();
    int w = shape.width();
    return List.of(
        new ArraySpec("dp_left", ElementType.UINT16, new int[] {h, w, shape.channels()}),
        new ArraySpec("dp_right", ElementType.UINT16, new int[] {h, w, shape.channels()}),
        new ArraySpec("depth", ElementType.FLOAT32, new int[] {h, w}),
        new ArraySpec("normal", ElementType.FLOAT32, new int[] {h, w, 3}),
        new ArraySpec("mask", ElementType.UINT8, new int[] {h, w}),
        new ArraySpec("K", ElementType.FLOAT32, new int[] {3, 3}),
        new ArraySpec("camera_to_world", ElementType.FLOAT32, new int[] {4, 4}),
        new ArraySpec("dp_coeffs", ElementType.FLOAT32, new int[] {2}));
  }
}
