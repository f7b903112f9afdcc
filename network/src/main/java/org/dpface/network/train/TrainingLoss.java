package org.dpface.network.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/** A training loss that also reports its terms, for the {@code metrics.jsonl} log. */
public interface TrainingLoss {
  /** {total, then one scalar per {@link #partNames()} entry}. */
  NDArray[] parts(NDList labels, NDList predictions);

  /** Log keys of the terms after the total. */
  String[] partNames();
}
