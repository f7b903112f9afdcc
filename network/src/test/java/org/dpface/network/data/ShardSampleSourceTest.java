package org.dpface.network.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dpface.dataset.sample.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardSampleSourceTest {
  static final int COUNT = 16;

  @TempDir
  Path dir;

  @Test
  void readsBackEverySampleOfEverySplit() throws IOException {
    List<Sample> written = TinyDatasets.write(dir, COUNT);
    Map<String, Sample> byId = new HashMap<>();
    written.forEach(s -> byId.put(s.ids().sampleId(), s));
    SyntheticDpSource original = TinyDatasets.source(COUNT);
    int total = 0;
    Set<String> subjectsSeen = new HashSet<>();
    for (String split : List.of("train", "val", "test")) {
      Set<String> subjects = new HashSet<>();
      try (ShardSampleSource src = new ShardSampleSource(dir, split)) {
        assertTrue(src.size() > 0, split + " is empty");
        for (int i = 0; i < src.size(); i++) {
          Sample stored = src.readSample(i);
          assertEquals(byId.get(stored.ids().sampleId()), stored);
          DpSample d = src.get(i);
          DpSample o = original.get(Integer.parseInt(d.sampleId().substring(4)));
          assertEquals(o.subjectId(), d.subjectId());
          assertArrayEquals(o.depthMm(), d.depthMm());
          assertArrayEquals(o.normal(), d.normal());
          assertArrayEquals(o.mask(), d.mask());
          assertEquals(o.a(), d.a(), 1e-3 * Math.abs(o.a()));
          assertEquals(o.b(), d.b(), 1e-5 * Math.abs(o.b()) + 1e-6);
          assertEquals(o.splitAxis(), d.splitAxis());
          assertArrayEquals(o.intrinsics(), d.intrinsics(), 1e-3);
          assertEquals(o.metadata().get("distance"), d.metadata().get("distance"));
          for (int p = 0; p < o.pixels(); p++) {
            float expect = Math.max(0f, o.left()[p]);
            assertEquals(expect, d.left()[p], 0.51f / DatasetSamples.FULL_SCALE);
          }
          subjects.add(d.subjectId());
          assertTrue(src.openShards() <= ShardSampleSource.MAX_OPEN_SHARDS);
        }
        total += src.size();
      }
      for (String s : subjects) {
        assertTrue(subjectsSeen.add(s), "subject " + s + " in two splits");
      }
    }
    assertEquals(COUNT, total);
    assertTrue(Files.list(dir.resolve("shards")).count() > 3, "expected several shards per split");
  }

  @Test
  void missingIndexIsAnIoError() {
    assertThrows(IOException.class, () -> new ShardSampleSource(dir, "train"));
  }
}
