package org.dpface.dataset.shard;

import java.io.IOException;
import java.nio.file.Path;

/** One way of writing a whole shard file (a {@link ShardBackend}); {@link ShardWriter} owns atomicity. */
interface ShardFileWriter {
  /** Writes {@code content} to {@code file} (a fresh temp path); the file is fsynced and renamed by the caller. */
  void write(Path file, ShardContent content) throws IOException;
}
