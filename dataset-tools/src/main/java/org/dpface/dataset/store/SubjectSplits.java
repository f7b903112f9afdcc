package org.dpface.dataset.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Seeded assignment of subjects to splits, so that no subject is in two splits.
 *
 * <p>Algorithm overview: sort the distinct subject IDs (the result does not depend on input order),
 * shuffle them with Fisher–Yates driven by {@code SplittableRandom(seed)}, then cut the shuffled list:
 * the first {@code round(n · train)} go to train, the next {@code round(n · val)} (capped at what is
 * left) to val, the rest to test. With at least three subjects and non-zero val and test ratios, val and test
 * get at least one subject each (taken from train), so small datasets still have held-out subjects. Same
 * subjects + seed + ratios → same assignment.
 */
public final class SubjectSplits {
  public static final String TRAIN = "train";
  public static final String VAL = "val";
  public static final String TEST = "test";
  /** Split names in file order. */
  public static final List<String> NAMES = List.of(TRAIN, VAL, TEST);

  private SubjectSplits() {}

  /**
   * @return subject → split name, in sorted subject order
   */
  public static Map<String, String> assign(Collection<String> subjects, long seed, SplitRatios ratios) {
    List<String> order = new ArrayList<>(new TreeSet<>(subjects));
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = order.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      String t = order.get(i);
      order.set(i, order.get(j));
      order.set(j, t);
    }
    int n = order.size();
    int nTrain = (int) Math.min(n, Math.round(n * ratios.train()));
    int nVal = (int) Math.min(n - nTrain, Math.round(n * ratios.val()));
    if (n >= 3 && ratios.val() > 0 && ratios.test() > 0) {
      nVal = Math.max(1, nVal);
      nTrain = Math.min(nTrain, n - nVal - 1); // leaves at least one subject for test
    }
    Map<String, String> bySubject = new java.util.TreeMap<>();
    for (int i = 0; i < n; i++) {
      bySubject.put(order.get(i), i < nTrain ? TRAIN : i < nTrain + nVal ? VAL : TEST);
    }
    return new LinkedHashMap<>(bySubject);
  }

  /**
   * Stable assignment for a dataset that grows: a subject of {@code previous} keeps its split; a new one
   * gets the split {@link #assign} gives it over the union of previous and current subjects (seeded, so
   * the same inputs give the same answer). Subjects of {@code previous} not in {@code subjects} are left
   * out.
   *
   * @return subject → split for {@code subjects}, in sorted subject order
   */
  public static Map<String, String> extend(Map<String, String> previous, Collection<String> subjects, long seed, SplitRatios ratios) {
    TreeSet<String> all = new TreeSet<>(previous.keySet());
    all.addAll(subjects);
    Map<String, String> seeded = assign(all, seed, ratios);
    Map<String, String> out = new java.util.TreeMap<>();
    for (String s : new TreeSet<>(subjects)) {
      out.put(s, previous.getOrDefault(s, seeded.get(s)));
    }
    return new LinkedHashMap<>(out);
  }
}
