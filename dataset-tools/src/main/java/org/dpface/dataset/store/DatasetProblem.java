package org.dpface.dataset.store;

/**
 * One finding of {@link DatasetVerifier}: the file (relative to the dataset directory), the field or
 * dataset inside it, and what is wrong.
 */
public record DatasetProblem(String file, String field, String message) {
  /** {@code file: field: message}. */
  public String describe() {
    return file + ": " + field + ": " + message;
  }
}
