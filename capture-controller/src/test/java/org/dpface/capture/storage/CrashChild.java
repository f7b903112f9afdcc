package org.dpface.capture.storage;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child JVM for {@link KillDuringTakeTest}: completes take-0001, then writes take-0002 frame by frame,
 * reporting each journaled frame on stdout (to the parent, never a console), and never completes it.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    SessionStore store = Fixtures.newSession(Path.of(args[0]), LocalVolume.INSTANCE);
    Fixtures.writeAll(store, "take-0001", 1).complete();
    TakeWriter w = store.beginTake("take-0002", Fixtures.expectation());
    w.recordFire(Fixtures.fire());
    int n = 0;
    for (int step = 0; step < Fixtures.TRIGGER.size(); step++) {
      for (String cam : Fixtures.CAMERAS) {
        w.writeFrame(Fixtures.frame(cam, step, 2));
        out.println("frame " + ++n);
      }
    }
    Thread.sleep(60_000);
  }
}
