package org.dpface.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's resume rules on a chain of small stages that write a file and count their runs: a finished stage
 * is reused, an interrupted one runs again, a stage whose settings changed runs again together with every
 * stage after it, and the stages before it are reused. (The real chain is too slow to rerun for each rule;
 * {@code DemoPipelineTest} checks a full reuse on it.)
 */
class DemoPipelineResumeTest {
  @TempDir Path lab;

  /** Writes {@code <id>.txt} = the previous stage's file + its id; fails when told to. */
  private static final class FileStage implements Stage {
    private final String id;
    private final String before;
    private final boolean ignoresSubjects;
    int runs;
    boolean fail;

    FileStage(String id, String before, boolean ignoresSubjects) {
      this.id = id;
      this.before = before;
      this.ignoresSubjects = ignoresSubjects;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public String title() {
      return "stage " + id;
    }

    @Override
    public String inputs(DemoConfig config) {
      return ignoresSubjects ? config.rigFingerprint() : config.fingerprint();
    }

    @Override
    public StageResult run(DemoContext ctx) throws Exception {
      runs++;
      if (fail) {
        throw new IllegalStateException("interrupted in " + id);
      }
      String in = before == null ? "" : Files.readString(ctx.lab().resolve(before + ".txt"));
      Files.writeString(ctx.file(id + ".txt"), in + id + ctx.config().subjects());
      return StageResult.done(this, "wrote " + id, Map.of("runs", runs), List.of());
    }
  }

  private final FileStage a = new FileStage("a", null, true);
  private final FileStage b = new FileStage("b", "a", false);
  private final FileStage c = new FileStage("c", "b", false);

  private List<Integer> runs() {
    return new ArrayList<>(List.of(a.runs, b.runs, c.runs));
  }

  @Test
  void reusesFinishedStagesRerunsChangedOnesAndEverythingAfter() throws Exception {
    DemoPipeline p = new DemoPipeline(List.of(a, b, c));
    DemoConfig two = new DemoConfig(lab, "virtual-8cam", 2, true, 1);
    p.run(two);
    assertEquals(List.of(1, 1, 1), runs());
    assertEquals("a2b2c2", Files.readString(lab.resolve("c.txt")));
    assertTrue(Files.isRegularFile(lab.resolve("report.html")));

    // a second run with the same settings reuses every stage
    List<StageResult> again = p.run(two);
    assertEquals(List.of(1, 1, 1), runs());
    assertEquals(3, again.size());

    // interrupted in c: a and b stay done; the next run reruns c only
    Files.delete(lab.resolve("stages/03-c.json"));
    c.fail = true;
    assertThrows(IllegalStateException.class, () -> p.run(two));
    assertEquals(List.of(1, 1, 2), runs());
    c.fail = false;
    p.run(two);
    assertEquals(List.of(1, 1, 3), runs());

    // a setting a does not read (subjects) changes: a is reused, b (reads it) and c (after b) run again
    p.run(new DemoConfig(lab, "virtual-8cam", 3, true, 1));
    assertEquals(List.of(1, 2, 4), runs());
    assertEquals("a2b3c3", Files.readString(lab.resolve("c.txt")));

    // an earlier stage runs again (its result is gone): every stage after it runs again too, even with
    // unchanged settings, because its inputs are the earlier stage's new outputs
    Files.delete(lab.resolve("stages/01-a.json"));
    p.run(new DemoConfig(lab, "virtual-8cam", 3, true, 1));
    assertEquals(List.of(2, 3, 5), runs());

    // an unreadable result file is run again, not trusted
    Files.writeString(lab.resolve("stages/03-c.json"), "{not json");
    p.run(new DemoConfig(lab, "virtual-8cam", 3, true, 1));
    assertEquals(List.of(2, 3, 6), runs());
  }

  @Test
  void fingerprintChainsTheStageBefore() {
    DemoConfig cfg = new DemoConfig(lab, "virtual-8cam", 2, false, 1);
    StageResult first = new StageResult("a", "t", StageResult.DONE, "s", null, null, "rig=x", 1.5);
    StageResult rerun = new StageResult("a", "t", StageResult.DONE, "s", null, null, "rig=x", 1.25);
    String f1 = DemoPipeline.fingerprint(b, cfg, first);
    assertEquals(f1, DemoPipeline.fingerprint(b, cfg, first));
    assertTrue(!f1.equals(DemoPipeline.fingerprint(b, cfg, rerun)), "a rerun of the stage before changes the fingerprint");
    assertTrue(f1.startsWith(cfg.fingerprint() + ";after=a@"), f1);
    assertEquals(cfg.rigFingerprint(), DemoPipeline.fingerprint(a, cfg, null));
  }
}
