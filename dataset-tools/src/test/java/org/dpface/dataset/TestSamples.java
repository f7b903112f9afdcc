package org.dpface.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.sample.SampleIds;
import org.dpface.dataset.sample.SampleMetadata;
import org.dpface.dataset.sample.SampleShape;

/** Seeded synthetic samples and the independent readers (h5py, h5dump) the tests use. */
public final class TestSamples {
  public static final SampleShape SMALL = new SampleShape(24, 32, 1);
  public static final String PYTHON = "/usr/bin/python3";
  private static final String[] EXPRESSIONS = {"neutral", "frowning", "yawning"};
  private static final String[] DIRECTIONS = {"left", "right", "front", "up"};

  private TestSamples() {}

  /** A deterministic sample; values depend on (seed, index) only. */
  public static Sample sample(SampleShape shape, long seed, int index, String subject) {
    SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + index);
    short[] left = new short[shape.dpElements()];
    short[] right = new short[shape.dpElements()];
    for (int i = 0; i < left.length; i++) {
      int v = 1000 + (i % shape.width()) * 50 + rnd.nextInt(64);
      left[i] = (short) Math.min(65535, v);
      right[i] = (short) Math.min(65535, v + 3 + rnd.nextInt(8) + (i == 0 ? 60000 : 0));
    }
    int px = shape.pixels();
    float[] depth = new float[px];
    float[] normal = new float[3 * px];
    byte[] mask = new byte[px];
    for (int i = 0; i < px; i++) {
      boolean valid = rnd.nextInt(10) != 0;
      mask[i] = (byte) (valid ? 1 : 0);
      depth[i] = valid ? (float) (900 + 80 * rnd.nextDouble()) : 0f;
      if (valid) {
        double nx = rnd.nextDouble() - 0.5;
        double ny = rnd.nextDouble() - 0.5;
        double nz = -1;
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        normal[3 * i] = (float) (nx / len);
        normal[3 * i + 1] = (float) (ny / len);
        normal[3 * i + 2] = (float) (nz / len);
      }
    }
    float[] k = {2000f + index, 0, shape.width() / 2f, 0, 2000f + index, shape.height() / 2f, 0, 0, 1};
    float[] c2w = {1, 0, 0, 10.5f * index, 0, 1, 0, -3.25f, 0, 0, 1, 970, 0, 0, 0, 1};
    float[] dp = {-26996.5f + index, 32.98f};
    String session = "ses-" + (index % 2 + 1);
    String camera = "cam" + (index % 8);
    SampleIds ids = new SampleIds(subject + "_" + session + "_" + camera + "_" + index, subject, session, camera);
    SampleMetadata meta = new SampleMetadata(EXPRESSIONS[index % 3], index % 2 == 0 ? "forward" : "backward", DIRECTIONS[index % 4], "light" + (index % 6));
    return new Sample(shape, ids, meta, left, right, depth, normal, mask, k, c2w, dp);
  }

  /** {@code count} samples spread round-robin over {@code subjects}. */
  public static List<Sample> samples(SampleShape shape, long seed, int count, List<String> subjects) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(sample(shape, seed, i, subjects.get(i % subjects.size())));
    }
    return out;
  }

  /** Whether Debian's python3 with h5py and numpy is installed. */
  public static boolean hasH5py() {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return false;
    }
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import h5py, numpy").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  /** Runs a command, returns {exit code, combined output}. */
  public static String[] run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    return new String[] {Integer.toString(p.waitFor()), out};
  }

  /** SHA-256 (hex) of one array of a sample as little-endian bytes, the way h5py readers hash it. */
  public static String sha256(String name, Sample s) throws Exception {
    java.nio.ByteBuffer b;
    switch (name) {
      case "dp_left", "dp_right" -> {
        short[] a = name.equals("dp_left") ? s.dpLeft() : s.dpRight();
        b = java.nio.ByteBuffer.allocate(a.length * 2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(a);
      }
      case "mask" -> b = java.nio.ByteBuffer.wrap(s.mask());
      default -> {
        float[] a = switch (name) {
          case "depth" -> s.depth();
          case "normal" -> s.normal();
          case "K" -> s.k();
          case "camera_to_world" -> s.cameraToWorld();
          default -> s.dpCoeffs();
        };
        b = java.nio.ByteBuffer.allocate(a.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(a);
      }
    }
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b.array()));
  }
}
