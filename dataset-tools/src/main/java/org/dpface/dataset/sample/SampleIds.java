package org.dpface.dataset.sample;

/**
 * Identifiers of one sample. The subject is a pseudonymous ID such as {@code sub-0001}; no names or
 * personal data. {@code sampleId} is unique within a dataset.
 */
public record SampleIds(String sampleId, String subjectId, String sessionId, String cameraId) {
  public SampleIds {
    requireText(sampleId, "sampleId");
    requireText(subjectId, "subjectId");
    requireText(sessionId, "sessionId");
    requireText(cameraId, "cameraId");
  }

  static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must be non-blank");
    }
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(name + " must not contain NUL");
    }
  }
}
