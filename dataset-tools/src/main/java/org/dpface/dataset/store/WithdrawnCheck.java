package org.dpface.dataset.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dpface.dataset.store.DatasetModel.DeletionLog;
import org.dpface.dataset.store.DatasetModel.Index;
import org.dpface.dataset.store.DatasetModel.Manifest;

/**
 * Consent part of {@link DatasetVerifier}: no subject withdrawn in {@code deletions.json} (listed by the
 * SHA-256 of its ID) may be named by the index (and so by any shard row, which the verifier matches to
 * it), a split file, or the manifest's consent versions, QC exclusions or take records.
 */
final class WithdrawnCheck {
  private WithdrawnCheck() {}

  static void check(Path dir, Index index, Manifest manifest, Map<String, String> splitOfSubject, List<DatasetProblem> problems) {
    DeletionLog log;
    try {
      log = DatasetWriter.readDeletionLog(dir.resolve(DatasetFiles.DELETIONS));
    } catch (IOException e) {
      problems.add(new DatasetProblem(DatasetFiles.DELETIONS, "-", "unreadable: " + e.getMessage()));
      return;
    }
    if (log == null || log.entries() == null || log.entries().isEmpty()) {
      return;
    }
    Map<String, Integer> entryOf = new HashMap<>();
    for (int i = 0; i < log.entries().size(); i++) {
      entryOf.putIfAbsent(log.entries().get(i).subjectSha256(), i);
    }
    if (index != null && index.samples() != null) {
      Set<String> subjects = new TreeSet<>();
      index.samples().forEach(e -> subjects.add(e.subjectId()));
      flag(DatasetFiles.INDEX, "samples", subjects, entryOf, problems);
    }
    for (String split : SubjectSplits.NAMES) {
      Set<String> subjects = new TreeSet<>();
      splitOfSubject.forEach((s, sp) -> {
        if (sp.equals(split)) {
          subjects.add(s);
        }
      });
      flag(DatasetFiles.splitFile(split), "subjects", subjects, entryOf, problems);
    }
    if (manifest != null) {
      if (manifest.consentVersions() != null) {
        flag(DatasetFiles.MANIFEST, "consent_versions", new TreeSet<>(manifest.consentVersions().keySet()), entryOf, problems);
      }
      if (manifest.qcExclusions() != null) {
        Set<String> subjects = new TreeSet<>();
        manifest.qcExclusions().forEach(q -> subjects.add(q.subjectId()));
        flag(DatasetFiles.MANIFEST, "qc_exclusions", subjects, entryOf, problems);
      }
      if (manifest.takes() != null) {
        Set<String> subjects = new TreeSet<>();
        manifest.takes().forEach(t -> subjects.add(t.subjectId()));
        flag(DatasetFiles.MANIFEST, "takes", subjects, entryOf, problems);
      }
    }
  }

  private static void flag(String file, String field, Set<String> subjects, Map<String, Integer> entryOf, List<DatasetProblem> problems) {
    for (String s : subjects) {
      Integer i = s == null ? null : entryOf.get(DatasetFiles.sha256(s));
      if (i != null) {
        problems.add(new DatasetProblem(file, field, s + " was withdrawn (" + DatasetFiles.DELETIONS + " entries[" + i + "]) but is still listed"));
      }
    }
  }
}
