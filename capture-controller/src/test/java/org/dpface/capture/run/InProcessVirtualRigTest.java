package org.dpface.capture.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.dpface.capture.board.SimulatedBoard;
import org.dpface.capture.device.virtual.SimulatedBoardConnection;
import org.dpface.capture.device.virtual.TestPatternFrameSource;
import org.dpface.capture.session.Take;
import org.dpface.capture.session.TakeState;
import org.dpface.capture.status.RigStatus;
import org.dpface.capture.storage.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The virtual rig without socat: the board simulator behind the in-process link; rig status. */
class InProcessVirtualRigTest {
  @TempDir Path dir;

  @Test
  void capturesATakeOverTheInProcessLinkAndReportsStatus() throws Exception {
    var rig = VirtualLab.smallRig();
    var source = new TestPatternFrameSource(VirtualLab.CAMERAS, VirtualLab.PLAN.stepCount(), 3);
    try (VirtualCaptureRig v = VirtualCaptureRig.open(rig, source, SimulatedBoardConnection.Transport.IN_PROCESS,
            dir, SimulatedBoard.builder().build(), VirtualLab.CLOCK);
        TakeRunner runner = new TakeRunner(v.rig(), TriggerPlans.build(rig, VirtualLab.PLAN, VirtualLab.TIMING),
            Duration.ofSeconds(2), 1)) {
      RigStatus before = RigStatus.probe(rig.id(), v.rig().board(), null, v.rig().devices(), VirtualLab.CLOCK);
      assertTrue(before.healthy(), before.format());
      assertEquals(1 + 3 + 1 + 2, before.devices().size());
      assertTrue(before.devices().get(0).version().contains("in-process:simulated-board"), before.format());

      var registry = org.dpface.capture.session.SubjectRegistry.open(dir.resolve("lab"));
      String subject = registry.add(VirtualLab.consent(Optional.empty())).id();
      try (SessionStore store = SessionStore.create(dir.resolve("lab"), registry,
          org.dpface.capture.storage.LocalVolume.INSTANCE, VirtualLab.CLOCK,
          new org.dpface.capture.storage.SessionRequest(subject, rig.id(), "cal-0001", "AB", VirtualLab.PLAN))) {
        Take t = new SessionRunner(runner, CaptureListener.NONE).runTake(store, VirtualLab.T2, false);
        assertEquals(TakeState.COMPLETE, t.state(), () -> t.reason().toString());
        assertEquals(18, store.frames(t.id()).size());
      }

      v.cameras().get("cam2").close();
      RigStatus after = RigStatus.probe(rig.id(), v.rig().board(), null, v.rig().devices(), VirtualLab.CLOCK);
      assertFalse(after.healthy());
      String table = after.format();
      assertTrue(table.contains("cam2") && table.contains("OFFLINE") && table.contains("1 with problems"), table);
    }
  }

  @Test
  void unreachableBoardIsReportedNotThrown() {
    RigStatus s = RigStatus.probe("lab", null, "cannot open serial port /dev/ttyACM9", java.util.List.of(),
        VirtualLab.CLOCK);
    assertFalse(s.healthy());
    assertTrue(s.format().contains("trigger-board") && s.format().contains("/dev/ttyACM9"), s.format());
  }
}
