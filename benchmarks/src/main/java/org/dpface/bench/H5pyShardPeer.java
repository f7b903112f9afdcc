package org.dpface.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.sample.SampleShape;
import org.dpface.dataset.shard.DpAxis;
import org.dpface.dataset.shard.ShardContract;

/**
 * Peer for {@link ShardWriteVsH5py}: h5py (Debian {@code python3-h5py}, run by {@code /usr/bin/python3},
 * override {@code -Ddpface.python=...}) writes the same arrays in the shard layout (chunk = one sample,
 * shuffle + gzip at the same level, same root attributes and string columns). The arrays go over once as
 * raw little-endian files; the peer process stays up and writes once per {@link #round()}, so its rounds
 * interleave with dpface's under the same machine load. Only the write (open .. close + fsync) is timed,
 * in the peer process.
 */
final class H5pyShardPeer implements AutoCloseable {
  private static final String PYTHON = PythonPeer.PYTHON;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One peer write: seconds, peak RSS on top of the loaded arrays (bytes, -1 unknown), file size. */
  record Round(double seconds, double cpuSeconds, long peakExtraRss, long fileBytes) {}

  private final Process process;
  private final BufferedReader out;
  private final OutputStream in;
  private final String version;

  private H5pyShardPeer(Process process, BufferedReader out, String version) {
    this.process = process;
    this.out = out;
    this.in = process.getOutputStream();
    this.version = version;
  }

  /** Why the peer cannot run, or null. */
  static String unavailableReason() {
    return PythonPeer.unavailableReason("h5py, numpy", " (Debian: apt-get install python3-h5py)");
  }

  /** Starts the peer on {@code samples} (written under {@code dir}) and waits until it has loaded them. */
  static H5pyShardPeer start(List<Sample> samples, SampleShape shape, DpAxis axis, int level, Path dir) throws IOException {
    writeArrays(samples, dir);
    Map<String, Object> meta = new LinkedHashMap<>();
    Map<String, Object> attrs = new LinkedHashMap<>();
    ShardContract.rootAttributes("train", samples.size(), shape, axis).forEach(a -> attrs.put(a.name(), a.value()));
    meta.put("attrs", attrs);
    Map<String, List<String>> strings = new LinkedHashMap<>();
    for (String f : ShardContract.STRING_FIELDS) {
      strings.put(f, samples.stream().map(s -> column(s, f)).toList());
    }
    meta.put("strings", strings);
    JSON.writeValue(dir.resolve("strings.json").toFile(), meta);
    Path script = dir.resolve("h5py_shard_write.py");
    try (InputStream res = H5pyShardPeer.class.getResourceAsStream("h5py_shard_write.py")) {
      if (res == null) {
        throw new IOException("h5py_shard_write.py missing from the benchmark jar");
      }
      Files.write(script, res.readAllBytes());
    }
    Process p = new ProcessBuilder(PYTHON, script.toString(), dir.toString(), Integer.toString(samples.size()),
        Integer.toString(shape.height()), Integer.toString(shape.width()), Integer.toString(shape.channels()),
        Integer.toString(level), dir.resolve("peer.h5").toString()).redirectErrorStream(true).start();
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    JsonNode ready = readJson(r, p);
    return new H5pyShardPeer(p, r, "h5py " + ready.get("h5py").asText() + " / HDF5 " + ready.get("hdf5").asText());
  }

  String version() {
    return version;
  }

  /** One timed write by the peer. */
  Round round() throws IOException {
    in.write("write\n".getBytes(StandardCharsets.UTF_8));
    in.flush();
    JsonNode j = readJson(out, process);
    return new Round(j.get("seconds").asDouble(), j.get("cpu_seconds").asDouble(), j.get("peak_extra_rss").asLong(), j.get("file_bytes").asLong());
  }

  private static JsonNode readJson(BufferedReader r, Process p) throws IOException {
    StringBuilder other = new StringBuilder();
    String line;
    while ((line = r.readLine()) != null) {
      if (line.startsWith("{")) {
        return JSON.readTree(line);
      }
      other.append(line).append('\n');
    }
    throw new IOException("h5py peer ended (exit " + waitFor(p) + "): " + other.toString().trim());
  }

  private static int waitFor(Process p) {
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      in.write("quit\n".getBytes(StandardCharsets.UTF_8));
      in.close();
    } catch (IOException ignored) {
      // already gone
    }
    try {
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static String column(Sample s, String field) {
    return switch (field) {
      case "sample_id" -> s.ids().sampleId();
      case "subject_id" -> s.ids().subjectId();
      case "session_id" -> s.ids().sessionId();
      case "camera_id" -> s.ids().cameraId();
      case "expression" -> s.metadata().expression();
      case "position" -> s.metadata().position();
      case "direction" -> s.metadata().direction();
      case "light" -> s.metadata().light();
      default -> throw new IllegalArgumentException(field);
    };
  }

  /** One raw little-endian file per numeric dataset, all samples in row order. */
  private static void writeArrays(List<Sample> samples, Path dir) throws IOException {
    for (ShardContract.ArraySpec spec : ShardContract.arrays(samples.get(0).shape())) {
      try (FileChannel ch = FileChannel.open(dir.resolve(spec.name() + ".bin"),
          StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        for (Sample s : samples) {
          ByteBuffer b = ByteBuffer.allocate(spec.sampleElements() * spec.type().bytes()).order(ByteOrder.LITTLE_ENDIAN);
          switch (spec.name()) {
            case "dp_left" -> b.asShortBuffer().put(s.dpLeft());
            case "dp_right" -> b.asShortBuffer().put(s.dpRight());
            case "mask" -> b.put(s.mask());
            case "depth" -> b.asFloatBuffer().put(s.depth());
            case "normal" -> b.asFloatBuffer().put(s.normal());
            case "K" -> b.asFloatBuffer().put(s.k());
            case "camera_to_world" -> b.asFloatBuffer().put(s.cameraToWorld());
            case "dp_coeffs" -> b.asFloatBuffer().put(s.dpCoeffs());
            default -> throw new IllegalStateException(spec.name());
          }
          b.clear();
          while (b.hasRemaining()) {
            ch.write(b);
          }
        }
      }
    }
  }
}
