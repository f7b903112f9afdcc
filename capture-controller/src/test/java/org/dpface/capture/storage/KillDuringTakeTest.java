package org.dpface.capture.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.dpface.capture.session.Session;
import org.dpface.capture.session.SubjectRegistry;
import org.dpface.capture.session.Take;
import org.dpface.capture.session.TakeState;
import org.dpface.core.io.PngImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A real kill -9 (destroyForcibly) of a JVM in the middle of a take, then recovery in this JVM. */
class KillDuringTakeTest {
  @TempDir Path tmp;

  @Test
  @Timeout(60)
  void killedMidTakeLeavesWrittenFramesReadableAndTheTakeIncomplete() throws Exception {
    Path lab = tmp.resolve("lab");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path childErr = tmp.resolve("child-stderr.txt");
    Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        CrashChild.class.getName(), lab.toString())
        .redirectError(childErr.toFile())
        .start();
    int seen = 0;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line; seen < 3 && (line = in.readLine()) != null; ) {
        if (line.startsWith("frame ")) {
          seen = Integer.parseInt(line.substring(6));
        }
      }
      // kill -9 while the child may still be writing frames 4..6
      child.destroyForcibly();
      assertTrue(child.waitFor(20, TimeUnit.SECONDS));
    } finally {
      child.destroyForcibly();
    }
    assertEquals(3, seen, () -> "child stopped early: " + readQuietly(childErr));

    try (SessionStore store = SessionStore.open(lab, "sub-0001-ses-01", SubjectRegistry.open(lab),
        LocalVolume.INSTANCE, Fixtures.CLOCK)) {
      Session s = store.session();
      assertEquals(TakeState.COMPLETE, s.take("take-0001").orElseThrow().state());
      Take t2 = s.take("take-0002").orElseThrow();
      assertEquals(TakeState.INCOMPLETE, t2.state());
      Path dir = store.takeDir("take-0002");
      assertTrue(dir.getFileName().toString().endsWith(".incomplete"));
      int journaled = store.frames("take-0002").size();
      assertTrue(journaled >= 3, "journaled frames: " + journaled);
      for (FrameRecord r : store.frames("take-0002")) {
        Path left = dir.resolve(RawLayout.leftPng(r.cameraId(), r.step()));
        assertEquals(r.leftSha256(), TakeVerifier.sha256(left));
        assertEquals(r.rightSha256(), TakeVerifier.sha256(dir.resolve(RawLayout.rightPng(r.cameraId(), r.step()))));
        PngImages.readGrayU16(left);
      }
      assertEquals(TakeState.COMPLETE, Fixtures.writeAll(store, "take-0003", 3).complete().state());
    }
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return "(no stderr: " + e.getMessage() + ")";
    }
  }
}
