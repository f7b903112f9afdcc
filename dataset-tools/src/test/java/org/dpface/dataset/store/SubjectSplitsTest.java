package org.dpface.dataset.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Properties of the seeded subject split. */
class SubjectSplitsTest {
  @Test
  void everySubjectInExactlyOneSplitDeterministicAndOrderFree() {
    qt().withFixedSeed(20240601L)
        .withExamples(200)
        .forAll(
            lists().of(integers().between(1, 400)).ofSizeBetween(0, 60),
            longs().all(),
            doubles().between(0, 1),
            doubles().between(0, 1))
        .checkAssert((ids, seed, a, b) -> {
          double train = a;
          double val = (1 - a) * b;
          SplitRatios ratios = new SplitRatios(train, val, 1 - train - val);
          List<String> subjects = ids.stream().map(i -> String.format("sub-%04d", i)).toList();
          Map<String, String> split = SubjectSplits.assign(subjects, seed, ratios);
          // each distinct subject has exactly one split (a map cannot hold two), and no one is lost
          assertEquals(new TreeSet<>(subjects), new TreeSet<>(split.keySet()));
          assertTrue(SubjectSplits.NAMES.containsAll(split.values()));
          // deterministic, and independent of input order and duplicates
          List<String> shuffled = new ArrayList<>(subjects);
          shuffled.addAll(subjects);
          Collections.reverse(shuffled);
          assertEquals(split, SubjectSplits.assign(shuffled, seed, ratios));
          // counts follow the ratios
          int n = split.size();
          long nTrain = split.values().stream().filter(SubjectSplits.TRAIN::equals).count();
          long expected = Math.min(n, Math.round(n * train));
          if (n >= 3 && ratios.val() > 0 && ratios.test() > 0) {
            // small datasets keep one val and one test subject, taken from train
            assertTrue(split.containsValue(SubjectSplits.VAL) && split.containsValue(SubjectSplits.TEST), split.toString());
            assertTrue(nTrain <= expected && nTrain >= expected - 2, nTrain + " train of " + n);
          } else {
            assertEquals(expected, nTrain);
          }
        });
  }

  @Test
  void differentSeedsGiveDifferentSplits() {
    List<String> subjects = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      subjects.add(String.format("sub-%04d", i));
    }
    assertTrue(!SubjectSplits.assign(subjects, 1, SplitRatios.DEFAULT).equals(SubjectSplits.assign(subjects, 2, SplitRatios.DEFAULT)));
  }

  @Test
  void extendKeepsExistingSubjectsAndSeedsNewOnes() {
    SplitRatios r = new SplitRatios(0.5, 0.25, 0.25);
    List<String> first = List.of("sub-0001", "sub-0002", "sub-0003", "sub-0004");
    Map<String, String> before = SubjectSplits.assign(first, 7, r);
    List<String> grown = new ArrayList<>(first.subList(1, 4)); // sub-0001 gone
    for (int i = 5; i <= 12; i++) {
      grown.add(String.format("sub-%04d", i));
    }
    Map<String, String> after = SubjectSplits.extend(before, grown, 7, r);
    assertEquals(new TreeSet<>(grown), new TreeSet<>(after.keySet()));
    for (String s : first.subList(1, 4)) {
      assertEquals(before.get(s), after.get(s), s);
    }
    Map<String, String> seeded = SubjectSplits.assign(new TreeSet<>(List.of(
        "sub-0001", "sub-0002", "sub-0003", "sub-0004", "sub-0005", "sub-0006", "sub-0007", "sub-0008", "sub-0009", "sub-0010", "sub-0011",
        "sub-0012")), 7, r);
    for (int i = 5; i <= 12; i++) {
      String s = String.format("sub-%04d", i);
      assertEquals(seeded.get(s), after.get(s), s);
    }
    assertEquals(after, SubjectSplits.extend(before, grown, 7, r), "deterministic");
  }
}
