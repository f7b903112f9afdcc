package org.dpface.capture.storage;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dpface.capture.session.RawDataEraser;

/**
 * The withdrawal policy for raw data: every session folder of the subject
 * ({@code sessions/<subject>-ses-NN/}, all takes, sidecars and journal) is deleted. Derived data
 * (meshes, shards) is handled by dataset-tools. The summary names the sessions and the file count,
 * never any frame content.
 */
public final class SubjectDataEraser implements RawDataEraser {
  private final Path labDir;

  /** An eraser for the raw data under {@code labDir}. */
  public SubjectDataEraser(Path labDir) {
    this.labDir = labDir;
  }

  @Override
  public String erase(String subjectId) throws IOException {
    Path sessions = RawLayout.sessionsDir(labDir);
    List<Path> dirs = new ArrayList<>();
    if (Files.isDirectory(sessions)) {
      try (Stream<Path> s = Files.list(sessions)) {
        s.filter(p -> p.getFileName().toString().startsWith(subjectId + "-ses-")).sorted().forEach(dirs::add);
      }
    }
    long[] files = {0};
    List<String> names = new ArrayList<>();
    for (Path dir : dirs) {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          files[0]++;
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          if (exc != null) {
            throw exc;
          }
          Files.delete(d);
          return FileVisitResult.CONTINUE;
        }
      });
      names.add(dir.getFileName().toString());
    }
    return "deleted " + names.size() + " sessions " + names + ", " + files[0] + " files";
  }
}
