package org.dpface.capture.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.dpface.capture.device.DpFrame;
import org.dpface.capture.device.virtual.TestPatternFrameSource;
import org.dpface.capture.device.virtual.VirtualDpCamera;
import org.dpface.capture.session.Take;
import org.dpface.capture.session.TakeState;
import org.dpface.rigs.Resolution;
import org.dpface.rigs.SplitAxis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The camera's sensor bit depth travels from the frame into the take's sidecars and back out of {@link StoredTake}. */
class SensorBitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path lab;

  private static DpFrame withBits(DpFrame f, int bits) {
    return new DpFrame(f.cameraId(), f.stepIndex(), f.exposureMicros(), f.boardMicros(), f.hostTime(), f.left(), f.right(), bits);
  }

  /** Writes a whole take whose frames of {@code cam0} report {@code bits0} (step 2: {@code lastBits0}), {@code cam1} 12. */
  private Take write(SessionStore store, int bits0, int lastBits0) throws Exception {
    TakeWriter w = store.beginTake("take-0001", Fixtures.expectation());
    w.recordFire(Fixtures.fire());
    for (int step = 0; step < Fixtures.TRIGGER.size(); step++) {
      w.writeFrame(withBits(Fixtures.frame("cam0", step, 1), step == 2 ? lastBits0 : bits0));
      w.writeFrame(withBits(Fixtures.frame("cam1", step, 1), 12));
    }
    return w.complete();
  }

  @Test
  void eachCamerasDepthIsRecordedInTakeJsonAndFrameSidecarsAndReadBack() throws Exception {
    try (SessionStore store = Fixtures.newSession(lab, LocalVolume.INSTANCE)) {
      assertEquals(TakeState.COMPLETE, write(store, 14, 14).state());
      Path dir = RawLayout.takeDir(store.sessionDir(), "take-0001", "");
      JsonNode take = JSON.readTree(dir.resolve(RawLayout.takeSidecar()).toFile());
      assertEquals(1, take.path("version").asInt(), "optional field: still format version 1");
      assertEquals(14, take.path("sensorBits").path("cam0").asInt());
      assertEquals(12, take.path("sensorBits").path("cam1").asInt());
      assertEquals(14, JSON.readTree(dir.resolve(RawLayout.frameSidecar("cam0", 1)).toFile()).path("sensorBits").asInt());
      StoredTake stored = StoredTake.read(dir);
      assertEquals(Map.of("cam0", 14, "cam1", 12), stored.sensorBits());
      assertEquals(OptionalInt.of(12), stored.sensorBits("cam1"));
    }
  }

  @Test
  void aTakeWithoutDepthsHasNoFieldAndReadsAsUnknown() throws Exception {
    try (SessionStore store = Fixtures.newSession(lab, LocalVolume.INSTANCE)) {
      Fixtures.writeAll(store, "take-0001", 1).complete(); // frames from a camera that does not know its depth
      Path dir = RawLayout.takeDir(store.sessionDir(), "take-0001", "");
      JsonNode take = JSON.readTree(dir.resolve(RawLayout.takeSidecar()).toFile());
      assertTrue(take.get("sensorBits") == null, take.toString());
      assertEquals(Map.of(), StoredTake.read(dir).sensorBits());
      assertEquals(OptionalInt.empty(), StoredTake.read(dir).sensorBits("cam0"));
    }
  }

  @Test
  void aCameraReportingTwoDepthsFailsVerification() throws Exception {
    try (SessionStore store = Fixtures.newSession(lab, LocalVolume.INSTANCE)) {
      Take t = write(store, 14, 12);
      assertEquals(TakeState.FAILED, t.state());
      assertTrue(t.reason().orElseThrow().contains("cam0: frames report different sensor bit depths [12, 14]"), t.reason().orElseThrow());
    }
  }

  @Test
  void aMalformedDepthIsAnErrorNamingFileAndField() throws Exception {
    try (SessionStore store = Fixtures.newSession(lab, LocalVolume.INSTANCE)) {
      write(store, 14, 14);
      Path dir = RawLayout.takeDir(store.sessionDir(), "take-0001", "");
      Path sidecar = dir.resolve(RawLayout.takeSidecar());
      ObjectNode take = (ObjectNode) JSON.readTree(sidecar.toFile());
      ((ObjectNode) take.get("sensorBits")).put("cam0", 17);
      Files.write(sidecar, JSON.writeValueAsBytes(take));
      IOException e = assertThrows(IOException.class, () -> StoredTake.read(dir));
      assertTrue(e.getMessage().contains(sidecar.toString()) && e.getMessage().contains("sensorBits.cam0")
          && e.getMessage().contains("1..16"), e.getMessage());
      ((ObjectNode) take.get("sensorBits")).put("cam0", 14).put("cam9", 14);
      Files.write(sidecar, JSON.writeValueAsBytes(take));
      e = assertThrows(IOException.class, () -> StoredTake.read(dir));
      assertTrue(e.getMessage().contains("sensorBits.cam9") && e.getMessage().contains("not a camera"), e.getMessage());
    }
  }

  @Test
  void aVirtualCameraReportsItsSourcesDepth() throws Exception {
    VirtualDpCamera cam = new VirtualDpCamera("cam0", new Resolution(4, 3), SplitAxis.VERTICAL,
        new TestPatternFrameSource(List.of("cam0"), 2, 7), Clock.systemUTC());
    cam.arm(1, 1000);
    cam.shutter(0, 10);
    assertEquals(16, cam.nextFrame(10, Duration.ofSeconds(5)).sensorBits());
  }
}
