package org.dpface.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.sample.SampleShape;
import org.dpface.dataset.shard.DpAxis;
import org.dpface.dataset.shard.ShardContract;

/**
 * Peer for {@link ShardWriteVsH5py}: h5py (Debian {@code python3-h5py}, run by {@code /usr/bin/python3},
 * override {@code -Ddpface.python=...}) writes the same arrays in the shard layout (chunk = one sample,
 * shuffle + gzip at the same level, same root attributes and string columns). The arrays go over as raw
 * little-endian files; only the write (open .. close + fsync) is timed, in the peer process.
 */
final class H5pyShardPeer {
  private static final String PYTHON = System.getProperty("dpface.python", "/usr/bin/python3");

  /** Outcome; {@code skipReason} non-null when the peer did not run. */
  record Result(String skipReason, String version, double[] seconds, long[] peakExtraRss, long fileBytes) {}

  private H5pyShardPeer() {}

  static Result run(List<Sample> samples, SampleShape shape, DpAxis axis, int level, int rounds, Path dir)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return new Result(PYTHON + " not found", null, null, null, 0);
    }
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
    ObjectMapper json = new ObjectMapper();
    json.writeValue(dir.resolve("strings.json").toFile(), meta);
    Path script = dir.resolve("h5py_shard_write.py");
    try (InputStream in = H5pyShardPeer.class.getResourceAsStream("h5py_shard_write.py")) {
      if (in == null) {
        throw new IOException("h5py_shard_write.py missing from the benchmark jar");
      }
      Files.write(script, in.readAllBytes());
    }
    List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString(), dir.toString(), Integer.toString(samples.size()),
        Integer.toString(shape.height()), Integer.toString(shape.width()), Integer.toString(shape.channels()),
        Integer.toString(level), Integer.toString(rounds), dir.resolve("peer.h5").toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(1800, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result("h5py peer timed out", null, null, null, 0);
    }
    if (p.exitValue() != 0) {
      return new Result("h5py peer failed: " + text.trim(), null, null, null, 0);
    }
    String line = text.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("{}");
    JsonNode r = json.readTree(line);
    double[] seconds = new double[r.get("seconds").size()];
    long[] peaks = new long[seconds.length];
    for (int i = 0; i < seconds.length; i++) {
      seconds[i] = r.get("seconds").get(i).asDouble();
      peaks[i] = r.get("peak_extra_rss").get(i).asLong();
    }
    return new Result(null, "h5py " + r.get("h5py").asText() + " / HDF5 " + r.get("hdf5").asText(), seconds, peaks,
        r.get("file_bytes").asLong());
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
            case "mask" -> b.put(s.mask()).flip();
            case "depth" -> b.asFloatBuffer().put(s.depth());
            case "normal" -> b.asFloatBuffer().put(s.normal());
            case "K" -> b.asFloatBuffer().put(s.k());
            case "camera_to_world" -> b.asFloatBuffer().put(s.cameraToWorld());
            case "dp_coeffs" -> b.asFloatBuffer().put(s.dpCoeffs());
            default -> throw new IllegalStateException(spec.name());
          }
          b.position(0).limit(b.capacity());
          while (b.hasRemaining()) {
            ch.write(b);
          }
        }
      }
    }
  }
}
