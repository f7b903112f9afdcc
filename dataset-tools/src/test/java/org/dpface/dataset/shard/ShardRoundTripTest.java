package org.dpface.dataset.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dpface.dataset.TestSamples;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.sample.SampleShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Shard write → read with jHDF, and the same file read by h5py and h5dump; every test runs for each
 * writer backend ({@link ShardBackend#NATIVE} is skipped where Debian libhdf5-java is not installed).
 */
class ShardRoundTripTest {
  @TempDir Path dir;

  static final SampleShape RGB = new SampleShape(24, 32, 3);

  static void assumeAvailable(ShardBackend backend) {
    assumeTrue(backend.available(), () -> backend + " writer skipped: " + backend.unavailableReason());
  }

  private Path writeShard(ShardBackend backend, String name, List<Sample> samples) throws Exception {
    assumeAvailable(backend);
    Path file = dir.resolve(name);
    try (ShardWriter w = new ShardWriter(file, "train", samples.get(0).shape(), DpAxis.VERTICAL, ShardWriter.DEFAULT_DEFLATE_LEVEL, backend)) {
      for (Sample s : samples) {
        w.add(s);
      }
      w.finish();
    }
    return file;
  }

  @ParameterizedTest
  @EnumSource(ShardBackend.class)
  void everyArrayAndAttributeSurvivesTheRoundTrip(ShardBackend backend) throws Exception {
    List<Sample> samples = TestSamples.samples(RGB, 7, 5, List.of("sub-0001", "sub-0002"));
    Path file = writeShard(backend, "train-00000.h5", samples);
    try (ShardReader r = new ShardReader(file)) {
      assertEquals(5, r.rows());
      assertEquals(RGB, r.shape());
      assertEquals("train", r.split());
      assertEquals(DpAxis.VERTICAL, r.dpAxis());
      assertEquals(ShardContract.VERSION, r.version());
      for (int row = 4; row >= 0; row--) { // random order on purpose
        assertEquals(samples.get(row), r.read(row), "row " + row);
      }
      assertThrows(IndexOutOfBoundsException.class, () -> r.read(5));
    }
    // no temp files left behind
    try (var s = Files.list(dir)) {
      assertEquals(List.of(file.getFileName().toString()), s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @ParameterizedTest
  @EnumSource(ShardBackend.class)
  void sameSamplesGiveIdenticalBytes(ShardBackend backend) throws Exception {
    List<Sample> samples = TestSamples.samples(TestSamples.SMALL, 3, 3, List.of("sub-0001"));
    Path a = writeShard(backend, "a.h5", samples);
    Path b = writeShard(backend, "b.h5", samples);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @ParameterizedTest
  @EnumSource(ShardBackend.class)
  void closeWithoutFinishLeavesTheTargetUntouched(ShardBackend backend) throws Exception {
    assumeAvailable(backend);
    Path file = dir.resolve("x.h5");
    Files.writeString(file, "previous");
    try (ShardWriter w = new ShardWriter(file, "val", TestSamples.SMALL, DpAxis.HORIZONTAL, 1, backend)) {
      w.add(TestSamples.sample(TestSamples.SMALL, 1, 0, "sub-0001"));
    }
    assertEquals("previous", Files.readString(file));
    try (var s = Files.list(dir)) {
      assertEquals(1, s.count());
    }
  }

  @Test
  void rejectsASampleOfAnotherShape() {
    try (ShardWriter w = new ShardWriter(dir.resolve("y.h5"), "val", TestSamples.SMALL, DpAxis.HORIZONTAL)) {
      Sample other = TestSamples.sample(RGB, 1, 0, "sub-0001");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.add(other));
      assertTrue(e.getMessage().contains("shape"), e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(ShardBackend.class)
  void h5pyFindsTheContractAndTheSameValues(ShardBackend backend) throws Exception {
    assumeTrue(TestSamples.hasH5py(), "Debian python3-h5py not installed at " + TestSamples.PYTHON);
    List<Sample> samples = TestSamples.samples(RGB, 11, 3, List.of("sub-0003"));
    Path file = writeShard(backend, "train-00001.h5", samples);
    String script = String.join("\n",
        "import sys, json, hashlib, h5py, numpy as np",
        "f = h5py.File(sys.argv[1], 'r')",
        "out = {'attrs': {k: (v.decode() if isinstance(v, bytes) else (v.item() if hasattr(v, 'item') else v)) for k, v in f.attrs.items()}, 'ds': {}}",
        "for name, d in f.items():",
        "    e = {'shape': list(d.shape), 'dtype': d.dtype.str if d.dtype.kind != 'S' else 'S', 'chunks': list(d.chunks) if d.chunks else None,",
        "         'compression': d.compression, 'shuffle': d.shuffle}",
        "    if d.dtype.kind == 'S':",
        "        e['values'] = [x.decode('utf-8') for x in d[...]]",
        "    else:",
        "        e['sha'] = [hashlib.sha256(np.ascontiguousarray(d[i]).astype(d.dtype.newbyteorder('<')).tobytes()).hexdigest() for i in range(d.shape[0])]",
        "    out['ds'][name] = e",
        "print(json.dumps(out))");
    String[] res = TestSamples.run(List.of(TestSamples.PYTHON, "-c", script, file.toString()));
    assertEquals("0", res[0], res[1]);
    JsonNode j = new ObjectMapper().readTree(res[1]);
    JsonNode attrs = j.get("attrs");
    assertEquals("dpface-shard", attrs.get("format").asText());
    assertEquals(1, attrs.get("version").asInt());
    assertEquals("mm", attrs.get("length_unit").asText());
    assertEquals("vertical", attrs.get("dp_axis").asText());
    assertEquals(3, attrs.get("rows").asInt());
    assertTrue(attrs.get("camera_frame").asText().contains("x right, y down, z forward"));

    JsonNode ds = j.get("ds");
    for (ShardContract.ArraySpec spec : ShardContract.arrays(RGB)) {
      JsonNode e = ds.get(spec.name());
      assertEquals(toList(spec.datasetDims(3)), toList(e.get("shape")), spec.name());
      assertEquals(toList(spec.datasetDims(1)), toList(e.get("chunks")), spec.name() + " chunk = one sample");
      assertEquals("gzip", e.get("compression").asText(), spec.name());
      assertTrue(e.get("shuffle").asBoolean(), spec.name());
      String dtype = switch (spec.type()) {
        case UINT16 -> "<u2";
        case UINT8 -> "|u1";
        case FLOAT32 -> "<f4";
      };
      assertEquals(dtype, e.get("dtype").asText(), spec.name());
      for (int row = 0; row < 3; row++) {
        assertEquals(TestSamples.sha256(spec.name(), samples.get(row)), e.get("sha").get(row).asText(), spec.name() + "[" + row + "]");
      }
    }
    for (int row = 0; row < 3; row++) {
      assertEquals(samples.get(row).ids().sampleId(), ds.get("sample_id").get("values").get(row).asText());
      assertEquals("sub-0003", ds.get("subject_id").get("values").get(row).asText());
      assertEquals(samples.get(row).metadata().light(), ds.get("light").get("values").get(row).asText());
    }
  }

  @ParameterizedTest
  @EnumSource(ShardBackend.class)
  void h5dumpReadsTheHeader(ShardBackend backend) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/h5dump")), "h5dump (hdf5-tools) not installed");
    Path file = writeShard(backend, "s.h5", TestSamples.samples(TestSamples.SMALL, 5, 2, List.of("sub-0001")));
    String[] res = TestSamples.run(List.of("/usr/bin/h5dump", "-H", "-p", file.toString()));
    assertEquals("0", res[0], res[1]);
    String out = res[1];
    assertTrue(out.contains("DATASET \"dp_left\""), out);
    assertTrue(out.contains("H5T_STD_U16LE"), out);
    assertTrue(out.contains("H5T_STD_U8LE"), out);
    assertTrue(out.contains("H5T_IEEE_F32LE"), out);
    assertTrue(out.contains("SHUFFLE"), out);
    assertTrue(out.contains("COMPRESSION DEFLATE"), out);
    assertTrue(out.contains("CHUNKED ( 1, 24, 32, 1 )"), out);
    assertFalse(out.contains("error"), out);
  }

  private static List<Integer> toList(int[] a) {
    return java.util.Arrays.stream(a).boxed().toList();
  }

  private static List<Integer> toList(JsonNode n) {
    List<Integer> l = new java.util.ArrayList<>();
    n.forEach(x -> l.add(x.asInt()));
    return l;
  }

}
