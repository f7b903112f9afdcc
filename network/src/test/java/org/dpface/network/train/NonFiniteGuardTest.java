package org.dpface.network.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpface.network.data.DpSample;
import org.dpface.network.data.ListSampleSource;
import org.dpface.network.data.SyntheticDpSource;
import org.dpface.network.model.MonocularBaseline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer's NaN/inf guard: a non-finite loss stops training before the update, naming the batch. */
class NonFiniteGuardTest {
  @TempDir
  Path dir;

  @Test
  void nonFiniteLossStopsBeforeTheUpdateAndNamesTheBatch() throws IOException {
    SyntheticDpSource synth = TrainingFixtures.source(16, 16, 3, 1);
    List<DpSample> samples = new ArrayList<>();
    for (int i = 0; i < synth.size(); i++) {
      samples.add(synth.get(i));
    }
    // a corrupt intensity in one sample makes every loss of a batch holding it NaN
    DpSample bad = samples.get(2);
    float[] left = bad.left().clone();
    left[5] = Float.NaN;
    samples.set(2, new DpSample(bad.width(), bad.height(), left, bad.right(), bad.depthMm(), bad.normal(),
        bad.mask(), bad.a(), bad.b(), bad.splitAxis(), bad.intrinsics(), "corrupt-sample", bad.subjectId(),
        bad.metadata()));
    ListSampleSource train = new ListSampleSource(List.of(samples.get(0), samples.get(1)));
    ListSampleSource withBad = new ListSampleSource(samples);
    TrainConfig tc = new TrainConfig(30, 2, 16, 16, 1e-3f, 30, 0.5f, 0.2f, 3, 1, 30);
    DpTrainer trainer = new DpTrainer("mono", () -> new MonocularBaseline(4, -4, 3), 4, tc,
        new TrainingListener() {});

    // the clean samples train without tripping the guard
    assertEquals(30, trainer.train(train, train, dir.resolve("clean")).losses().size());

    DpTrainer.NonFiniteTrainingException e = assertThrows(DpTrainer.NonFiniteTrainingException.class,
        () -> trainer.train(withBad, train, dir.resolve("bad")));
    assertTrue(e.getMessage().contains("corrupt-sample"), e.getMessage());
    assertTrue(e.getMessage().contains("training step " + e.step() + ":"), e.getMessage());
    // checkpoints every step: the last one is the step before the bad batch, never a NaN one
    Path ckpt = dir.resolve("bad").resolve("checkpoint");
    assertEquals(e.step(), DpTrainer.readStep(ckpt));
    List<String> lines = Files.readAllLines(dir.resolve("bad").resolve("metrics.jsonl"));
    assertEquals(e.step(), lines.stream().filter(l -> l.contains("\"type\":\"step\"")).count());
    assertFalse(lines.stream().anyMatch(l -> l.contains("NaN")), "a NaN loss was logged");
  }
}
