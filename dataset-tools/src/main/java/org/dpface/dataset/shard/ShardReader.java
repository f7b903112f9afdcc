package org.dpface.dataset.shard;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.sample.SampleIds;
import org.dpface.dataset.sample.SampleMetadata;
import org.dpface.dataset.sample.SampleShape;
import org.dpface.dataset.shard.ShardContract.ArraySpec;

/**
 * Random access to the samples of one shard through jHDF, without loading the file.
 *
 * <p>jHDF opens the file on a {@link java.nio.channels.FileChannel} and maps regions on demand. Each
 * numeric array is chunked one sample per chunk, so {@link #read(int)} asks jHDF for exactly one chunk
 * per array ({@link ChunkedDataset#getDecompressedChunk(int[])}: looks the chunk up in the fixed-array
 * chunk index, reads only that chunk's bytes and runs the deflate + shuffle pipeline backwards) and
 * decodes the bytes straight into flat primitive arrays — no nested arrays and no whole-dataset read.
 * The string columns (ids, metadata) are small and read whole on open.
 *
 * <p>Not thread-safe: use one reader per thread.
 */
public final class ShardReader implements AutoCloseable {
  private final Path path;
  private final HdfFile file;
  private final SampleShape shape;
  private final String split;
  private final DpAxis dpAxis;
  private final int version;
  private final int rows;
  private final List<ArraySpec> specs;
  private final Map<String, String[]> columns = new HashMap<>();

  /**
   * Opens a shard and checks its format, version and root shape attributes.
   *
   * @throws IOException if the file cannot be opened or is not a dpface shard this code reads
   */
  public ShardReader(Path path) throws IOException {
    this.path = path;
    try {
      this.file = new HdfFile(path);
    } catch (RuntimeException e) {
      throw new IOException(path + ": not a readable HDF5 file: " + e.getMessage(), e);
    }
    try {
      String format = stringAttribute(file, "format");
      if (!ShardContract.FORMAT.equals(format)) {
        throw new IOException(path + ": attribute format is \"" + format + "\", expected \"" + ShardContract.FORMAT + "\"");
      }
      this.version = intAttribute(file, "version");
      if (version != ShardContract.VERSION) {
        throw new IOException(path + ": shard version " + version + " is not supported (this code reads " + ShardContract.VERSION + ")");
      }
      this.shape = new SampleShape(intAttribute(file, "sample_height"), intAttribute(file, "sample_width"), intAttribute(file, "dp_channels"));
      this.split = stringAttribute(file, "split");
      this.dpAxis = DpAxis.parse(stringAttribute(file, "dp_axis"));
      this.specs = ShardContract.arrays(shape);
      for (String name : ShardContract.STRING_FIELDS) {
        Object data = dataset(name).getData();
        if (!(data instanceof String[] s)) {
          throw new IOException(path + ": dataset " + name + " is not a 1-D string array");
        }
        columns.put(name, s);
      }
      this.rows = columns.get("sample_id").length;
      for (String name : ShardContract.STRING_FIELDS) {
        if (columns.get(name).length != rows) {
          throw new IOException(path + ": dataset " + name + " has " + columns.get(name).length + " rows, sample_id has " + rows);
        }
      }
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e instanceof IOException io ? io : new IOException(path + ": " + e.getMessage(), e);
    }
  }

  /** Reads an integer root attribute; throws if missing or not an integer. */
  static int intAttribute(Node node, String name) throws IOException {
    Attribute a = node.getAttribute(name);
    if (a == null) {
      throw new IOException(node.getFileAsPath() + ": root attribute " + name + " is missing");
    }
    Object v = a.getData();
    if (v instanceof Number n) {
      return n.intValue();
    }
    throw new IOException(node.getFileAsPath() + ": root attribute " + name + " is not an integer");
  }

  /** Reads a string root attribute; throws if missing or not a string. */
  static String stringAttribute(Node node, String name) throws IOException {
    Attribute a = node.getAttribute(name);
    if (a == null) {
      throw new IOException(node.getFileAsPath() + ": root attribute " + name + " is missing");
    }
    Object v = a.getData();
    if (v instanceof String s) {
      return s;
    }
    throw new IOException(node.getFileAsPath() + ": root attribute " + name + " is not a string");
  }

  private Dataset dataset(String name) throws IOException {
    Node node = file.getChild(name);
    if (!(node instanceof Dataset d)) {
      throw new IOException(path + ": dataset " + name + " is missing");
    }
    return d;
  }

  public Path path() {
    return path;
  }

  public int rows() {
    return rows;
  }

  public SampleShape shape() {
    return shape;
  }

  public String split() {
    return split;
  }

  public DpAxis dpAxis() {
    return dpAxis;
  }

  public int version() {
    return version;
  }

  /** The underlying jHDF file, for checks beyond this API (the verifier); owned by this reader. */
  public HdfFile hdfFile() {
    return file;
  }

  /** A string column ({@link ShardContract#STRING_FIELDS}); the returned array is shared, do not modify. */
  public String[] column(String name) {
    String[] c = columns.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no string column " + name);
    }
    return c;
  }

  public SampleIds ids(int row) {
    checkRow(row);
    return new SampleIds(column("sample_id")[row], column("subject_id")[row], column("session_id")[row], column("camera_id")[row]);
  }

  public SampleMetadata metadata(int row) {
    checkRow(row);
    return new SampleMetadata(column("expression")[row], column("position")[row], column("direction")[row], column("light")[row]);
  }

  /**
   * Reads one sample: one chunk per numeric array.
   *
   * @throws IOException if the shard's arrays do not follow the contract
   */
  public Sample read(int row) throws IOException {
    checkRow(row);
    Object[] flat = new Object[specs.size()];
    for (int i = 0; i < specs.size(); i++) {
      flat[i] = readArray(specs.get(i), row);
    }
    return new Sample(
        shape, ids(row), metadata(row),
        (short[]) flat[0], (short[]) flat[1], (float[]) flat[2], (float[]) flat[3], (byte[]) flat[4],
        (float[]) flat[5], (float[]) flat[6], (float[]) flat[7]);
  }

  /**
   * Reads one sample's part of one numeric array as a flat primitive array ({@code short[]} for uint16,
   * {@code float[]} for float32, {@code byte[]} for uint8).
   */
  public Object readArray(ArraySpec spec, int row) throws IOException {
    checkRow(row);
    Dataset d = dataset(spec.name());
    if (!(d instanceof ChunkedDataset chunked)) {
      throw new IOException(path + ": dataset " + spec.name() + " is not chunked");
    }
    int[] chunkDims = chunked.getChunkDimensions();
    int[] expected = spec.datasetDims(1);
    if (!java.util.Arrays.equals(chunkDims, expected)) {
      throw new IOException(path + ": dataset " + spec.name() + " chunk " + java.util.Arrays.toString(chunkDims)
          + ", expected one sample " + java.util.Arrays.toString(expected));
    }
    int[] offset = new int[expected.length];
    offset[0] = row;
    byte[] bytes;
    try {
      bytes = chunked.getDecompressedChunk(offset);
    } catch (RuntimeException e) {
      throw new IOException(path + ": dataset " + spec.name() + " row " + row + ": " + e.getMessage(), e);
    }
    String what = path.getFileName() + ":" + spec.name() + "[" + row + "]";
    ByteOrder order = byteOrder(d.getDataType());
    return switch (spec.type()) {
      case UINT16 -> ShardArrays.toShorts(bytes, order, spec.sampleElements(), what);
      case FLOAT32 -> ShardArrays.toFloats(bytes, order, spec.sampleElements(), what);
      case UINT8 -> ShardArrays.toBytes(bytes, spec.sampleElements(), what);
    };
  }

  static ByteOrder byteOrder(DataType type) {
    if (type instanceof FixedPoint fp) {
      return fp.getByteOrder();
    }
    if (type instanceof FloatingPoint fl) {
      return fl.getByteOrder();
    }
    return ByteOrder.LITTLE_ENDIAN;
  }

  private void checkRow(int row) {
    if (row < 0 || row >= rows) {
      throw new IndexOutOfBoundsException(path.getFileName() + ": row " + row + " outside 0.." + (rows - 1));
    }
  }

  @Override
  public void close() {
    file.close();
  }
}
