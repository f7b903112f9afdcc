package org.dpface.dataset.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.filter.PipelineFilterWithData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dpface.dataset.TestSamples;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.sample.SampleMetadata;
import org.dpface.dataset.sample.SampleShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native and the jHDF writer on the same samples: jHDF must read back the same shard from both. */
class ShardBackendsTest {
  @TempDir Path dir;

  private Path write(ShardBackend backend, List<Sample> samples, SampleShape shape) throws Exception {
    Path file = dir.resolve(backend.name().toLowerCase() + ".h5");
    try (ShardWriter w = new ShardWriter(file, "test", shape, DpAxis.HORIZONTAL, 1, backend)) {
      assertEquals(backend, w.backend());
      for (Sample s : samples) {
        w.add(s);
      }
      w.finish();
    }
    return file;
  }

  @Test
  void bothBackendsWriteWhatJhdfReadsBackTheSame() throws Exception {
    assumeTrue(ShardBackend.NATIVE.available(), () -> "native writer skipped: " + ShardBackend.NATIVE.unavailableReason());
    SampleShape shape = new SampleShape(20, 28, 2);
    List<Sample> samples = new java.util.ArrayList<>(TestSamples.samples(shape, 23, 4, List.of("sub-0001", "sub-0012")));
    Sample s = samples.get(1); // non-ASCII, longer metadata: fixed-length UTF-8 sized by bytes, not chars
    samples.set(1, new Sample(s.shape(), s.ids(), new SampleMetadata("lächeln — überrascht", "ß", s.metadata().direction(), "light-é"),
        s.dpLeft(), s.dpRight(), s.depth(), s.normal(), s.mask(), s.k(), s.cameraToWorld(), s.dpCoeffs()));
    Path nat = write(ShardBackend.NATIVE, samples, shape);
    Path jhdf = write(ShardBackend.JHDF, samples, shape);
    assertFalse(java.util.Arrays.equals(Files.readAllBytes(nat), Files.readAllBytes(jhdf)), "two different writers, two layouts");
    try (ShardReader a = new ShardReader(nat); ShardReader b = new ShardReader(jhdf)) {
      assertEquals(b.rows(), a.rows());
      assertEquals(b.shape(), a.shape());
      assertEquals(b.split(), a.split());
      assertEquals(b.dpAxis(), a.dpAxis());
      for (int row = 0; row < samples.size(); row++) {
        assertEquals(samples.get(row), a.read(row), "native row " + row);
        assertEquals(b.read(row), a.read(row), "row " + row);
      }
      for (String name : ShardContract.STRING_FIELDS) {
        assertArrayEquals(b.column(name), a.column(name), name);
      }
      Map<String, Attribute> attrsA = a.hdfFile().getAttributes();
      Map<String, Attribute> attrsB = new java.util.HashMap<>(b.hdfFile().getAttributes());
      attrsB.remove("_jHDF"); // jHDF stamps its own version on every file it writes
      assertEquals(attrsB.keySet(), attrsA.keySet());
      for (String k : attrsB.keySet()) {
        assertEquals(attrsB.get(k).getData(), attrsA.get(k).getData(), "attribute " + k);
        assertEquals(attrsB.get(k).getJavaType(), attrsA.get(k).getJavaType(), "attribute type " + k);
      }
      for (ShardContract.ArraySpec spec : ShardContract.arrays(shape)) {
        Dataset da = (Dataset) a.hdfFile().getChild(spec.name());
        Dataset db = (Dataset) b.hdfFile().getChild(spec.name());
        assertNotNull(da, spec.name());
        assertArrayEquals(db.getDimensions(), da.getDimensions(), spec.name());
        assertEquals(db.getDataType().getClass(), da.getDataType().getClass(), spec.name());
        assertEquals(db.getDataType().getSize(), da.getDataType().getSize(), spec.name());
        assertEquals(ShardReader.byteOrder(db.getDataType()), ShardReader.byteOrder(da.getDataType()), spec.name());
        assertArrayEquals(((ChunkedDataset) db).getChunkDimensions(), ((ChunkedDataset) da).getChunkDimensions(), spec.name());
        List<Integer> filters = da.getFilters().stream().map(PipelineFilterWithData::getId).toList();
        assertEquals(ShardContract.FILTER_IDS, filters, spec.name());
      }
    }
  }

  @Test
  void javaCompressedChunksReadTheSameAsLibraryFilteredOnes() throws Exception {
    assumeTrue(ShardBackend.NATIVE.available(), () -> "native writer skipped: " + ShardBackend.NATIVE.unavailableReason());
    String why = Hdf5DirectChunk.unavailableReason(Hdf5Jni.load());
    assumeTrue(why == null, () -> "Java-side compression skipped: " + why);
    SampleShape shape = new SampleShape(16, 24, 3);
    List<Sample> samples = TestSamples.samples(shape, 31, 7, List.of("sub-0004"));
    String before = System.getProperty(ShardBackend.THREADS_PROPERTY);
    try {
      Path[] files = new Path[3];
      String[] threads = {"0", "1", "3"};
      for (int i = 0; i < threads.length; i++) {
        System.setProperty(ShardBackend.THREADS_PROPERTY, threads[i]);
        files[i] = dir.resolve("threads-" + threads[i] + ".h5");
        try (ShardWriter w = new ShardWriter(files[i], "train", shape, DpAxis.VERTICAL, 4, ShardBackend.NATIVE)) {
          samples.forEach(w::add);
          w.finish();
        }
      }
      assertArrayEquals(Files.readAllBytes(files[1]), Files.readAllBytes(files[2]), "same file on 1 and 3 threads");
      for (Path f : files) {
        try (ShardReader r = new ShardReader(f)) {
          for (int row = 0; row < samples.size(); row++) {
            assertEquals(samples.get(row), r.read(row), f.getFileName() + " row " + row);
          }
        }
      }
    } finally {
      if (before == null) {
        System.clearProperty(ShardBackend.THREADS_PROPERTY);
      } else {
        System.setProperty(ShardBackend.THREADS_PROPERTY, before);
      }
    }
  }

  @Test
  void unavailableNativeBackendSaysWhy() {
    // only meaningful where the binding is absent (CI without libhdf5-java, a fresh clone)
    assumeTrue(!ShardBackend.NATIVE.available(), "libhdf5-java is installed here");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new ShardWriter(dir.resolve("x.h5"), "val", TestSamples.SMALL, DpAxis.HORIZONTAL, 1, ShardBackend.NATIVE));
    assertTrue(e.getMessage().contains("libhdf5"), e.getMessage());
    assertEquals(ShardBackend.JHDF, ShardBackend.preferred());
  }
}
