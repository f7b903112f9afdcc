package org.dpface.cli.reconstruct;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dpface.capture.storage.RawLayout;
import org.dpface.capture.storage.StoredTake;
import org.dpface.cli.capture.VirtualSubjects;
import org.dpface.core.image.GrayU16;
import org.dpface.core.io.PngImages;
import org.dpface.reconstruction.codec.SequenceFiles;
import org.dpface.reconstruction.pipeline.TakeInput;
import org.dpface.reconstruction.struct.SequenceDescription;

/**
 * A COMPLETE take as stored by the capture controller ({@code capture-controller/DESIGN-storage.md}),
 * read back from disk for reconstruction: {@code take.json} (ids, cameras, steps, frame size), each
 * frame's step label from its sidecar, and the structured-light sequence the session's takes show
 * ({@code <session>/sl-sequence.json}, written at capture; or given). The camera's ordinary image at a
 * step is the sum of its left and right DP views (both halves of every pixel: the full aperture),
 * 16-bit.
 *
 * <p>Structured-light steps ({@code sl-NNN}) are split into equal consecutive blocks, one per projector
 * in rig order, each the whole sequence (the capture plan's order).
 *
 * @param dir the take folder
 * @param sessionId session id
 * @param subjectId pseudonymous subject id
 * @param takeId take id
 * @param spec take label, e.g. {@code neutral-forward-left}
 * @param cameraIds cameras in the take, in stored order
 * @param width frame width (px)
 * @param height frame height (px)
 * @param stepLabels every step's label ({@code sl-007}, {@code light-light3})
 * @param slSteps step indices of the structured-light steps, in order
 * @param sequence what each projector's block of SL steps shows
 * @param sensorBits camera → bits of its sensor's raw values (each DP half), as {@code take.json} records them;
 *     empty for takes stored before the field existed
 */
public record LabTake(Path dir, String sessionId, String subjectId, String takeId, String spec,
    List<String> cameraIds, int width, int height, List<String> stepLabels, List<Integer> slSteps,
    SequenceDescription sequence, Map<String, Integer> sensorBits) {
  public LabTake {
    cameraIds = List.copyOf(cameraIds);
    stepLabels = List.copyOf(stepLabels);
    slSteps = List.copyOf(slSteps);
    sensorBits = Map.copyOf(sensorBits);
  }

  /** Reads the take in {@code dir} with the sequence in its session folder. */
  public static LabTake read(Path dir) throws IOException {
    return read(dir, null);
  }

  /**
   * Reads the take in {@code dir}.
   *
   * @param sequenceFile the sequence file; null: {@code <dir>/../../sl-sequence.json}
   * @throws IOException naming the file when something is missing or the take is not COMPLETE
   */
  public static LabTake read(Path dir, Path sequenceFile) throws IOException {
    StoredTake t = StoredTake.read(dir);
    List<String> labels = t.stepLabels();
    List<Integer> sl = new ArrayList<>();
    for (int s = 0; s < labels.size(); s++) {
      if (labels.get(s).startsWith("sl-")) {
        sl.add(s);
      }
    }
    Path seqFile = sequenceFile != null ? sequenceFile
        : dir.toAbsolutePath().getParent().getParent().resolve(VirtualSubjects.SEQUENCE_FILE);
    if (!Files.isRegularFile(seqFile)) {
      throw new IOException("no structured-light sequence for take " + dir + ": " + seqFile
          + " is missing (give it with --sequence)");
    }
    SequenceDescription seq = SequenceFiles.read(seqFile);
    if (sl.isEmpty() || sl.size() % seq.size() != 0) {
      throw new IOException("take " + dir + " has " + sl.size() + " structured-light steps, not a multiple of the "
          + seq.size() + "-frame sequence in " + seqFile);
    }
    return new LabTake(dir, t.sessionId(), t.subjectId(), t.takeId(), t.spec(), t.cameraIds(), t.width(), t.height(),
        labels, sl, seq, t.sensorBits());
  }

  /**
   * Each of {@code takeCameraIds}' sensor bit depth: {@code override} when given (e.g. {@code --sensor-bits}),
   * else what the take recorded. The frames themselves cannot tell: they are 16-bit PNGs whatever the sensor.
   *
   * @throws IOException naming the take and the cameras when the take recorded no depth for one of them and
   *     no override is given
   */
  public int[] sensorBits(List<String> takeCameraIds, Integer override) throws IOException {
    if (override != null && (override < 1 || override > 16)) {
      throw new IllegalArgumentException("sensor bits must be 1..16, got " + override);
    }
    int[] bits = new int[takeCameraIds.size()];
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < bits.length; i++) {
      Integer b = override != null ? override : sensorBits.get(takeCameraIds.get(i));
      if (b == null) {
        missing.add(takeCameraIds.get(i));
      } else {
        bits[i] = b;
      }
    }
    if (!missing.isEmpty()) {
      throw new IOException("take " + dir + ": " + RawLayout.takeSidecar() + " records no sensor bit depth (field sensorBits) for "
          + String.join(", ", missing) + " (takes stored before dpface recorded it), and its 16-bit PNG frames do not say how"
          + " many bits the sensor fills; give it with --sensor-bits N (the virtual rig's cameras: 14)");
    }
    return bits;
  }

  /** Number of projector blocks of SL steps. */
  public int projectorCount() {
    return slSteps.size() / sequence.size();
  }

  /**
   * The camera's ordinary image at {@code step}: left + right view (16-bit; a 14-bit sensor's halves
   * sum to at most 15 bits), into {@code out} (reshaped).
   */
  public GrayU16 readSum(String cameraId, int step, GrayU16 out, GrayU16 work) throws IOException {
    PngImages.readGrayU16(dir.resolve(RawLayout.leftPng(cameraId, step)), out);
    PngImages.readGrayU16(dir.resolve(RawLayout.rightPng(cameraId, step)), work);
    if (out.width() != work.width() || out.height() != work.height()) {
      throw new IOException(dir + ": left and right views of " + cameraId + " step " + step + " differ in size");
    }
    for (int y = 0; y < out.height(); y++) {
      int a = out.indexOf(0, y);
      int b = work.indexOf(0, y);
      for (int x = 0; x < out.width(); x++) {
        int v = (out.data[a + x] & 0xFFFF) + (work.data[b + x] & 0xFFFF);
        out.data[a + x] = (short) Math.min(0xFFFF, v);
      }
    }
    return out;
  }

  /**
   * A reconstruction frame source over {@code takeCameraIds} (take-input order) reading the frames from
   * disk when a view is decoded (reuses one buffer list), declaring each camera's full scale from its
   * sensor bit depth ({@link RawLayout#summedFullScale}, {@link #sensorBits(List, Integer)}), so default decoder
   * thresholds are fractions of what the sensor can reach.
   *
   * @param sensorBits per camera of {@code takeCameraIds}
   */
  public TakeInput.FrameSource frames(List<String> takeCameraIds, int[] sensorBits) {
    if (sensorBits.length != takeCameraIds.size()) {
      throw new IllegalArgumentException(sensorBits.length + " sensor depths for " + takeCameraIds.size() + " cameras");
    }
    int[] fullScale = new int[sensorBits.length];
    for (int i = 0; i < fullScale.length; i++) {
      fullScale[i] = RawLayout.summedFullScale(sensorBits[i]);
    }
    int n = sequence.size();
    List<GrayU16> buf = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      buf.add(new GrayU16(1, 1));
    }
    GrayU16 work = new GrayU16(1, 1);
    return new TakeInput.FrameSource() {
      @Override
      public List<GrayU16> frames(int camera, int projector) {
        String id = takeCameraIds.get(camera);
        try {
          for (int k = 0; k < n; k++) {
            readSum(id, slSteps.get(projector * n + k), buf.get(k), work);
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        return buf;
      }

      @Override
      public int fullScale(int camera, int projector) {
        return fullScale[camera];
      }
    };
  }

  /** The rig id in {@code <sessionDir>/session.json}. */
  public static String sessionRigId(Path sessionDir) throws java.io.IOException {
    Path f = RawLayout.sessionSidecar(sessionDir);
    String id = new ObjectMapper().readTree(f.toFile()).path("rig").asText("");
    if (id.isEmpty()) {
      throw new java.io.IOException(f + ": no rig id (give --rig)");
    }
    return id;
  }
}
