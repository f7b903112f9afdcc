package org.dpface.calibration.takes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dpface.calibration.target.BoardSpecs;
import org.dpface.calibration.target.ChessboardSpec;
import org.dpface.capture.session.CalibrationTarget;
import org.dpface.capture.storage.RawLayout;
import org.dpface.capture.storage.StoredCalibrationTake;
import org.dpface.reconstruction.codec.SequenceFiles;
import org.dpface.reconstruction.struct.SequenceDescription;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.RigDescription;

/**
 * The stored calibration takes one calibration reads, checked against the rig: the board takes (one board
 * pose each, all of one chessboard), the DP plane takes, and the structured-light sequence their SL steps
 * show ({@value #SEQUENCE_FILE} in each calibration session folder, written at capture). Every problem
 * names the file and field.
 *
 * @param rig the rig the takes were captured on (ids, projector sizes; never its poses or models)
 * @param board the calibration board of every board take
 * @param boards board takes in session then take order (list index = pose index)
 * @param planes DP plane takes in the same order
 * @param sequence the SL sequence of every take's SL steps, per projector block; null when no take has SL
 */
public record TakeInputs(RigDescription rig, ChessboardSpec board, List<StoredCalibrationTake> boards,
    List<StoredCalibrationTake> planes, SequenceDescription sequence) {
  /** The sequence file in a calibration session folder. */
  public static final String SEQUENCE_FILE = "sl-sequence.json";

  public TakeInputs {
    boards = List.copyOf(boards);
    planes = List.copyOf(planes);
  }

  /**
   * Finds and checks every COMPLETE calibration take under {@code dir} ({@link StoredCalibrationTake#find}).
   *
   * @throws IOException naming the file and field: no takes, a session of another rig, boards of different
   *     specs or a malformed spec, a camera the rig lacks, a frame size other than the rig's, a missing or
   *     mismatched sequence file
   */
  public static TakeInputs load(Path dir, RigDescription rig) throws IOException {
    List<StoredCalibrationTake> all = StoredCalibrationTake.find(dir);
    if (all.isEmpty()) {
      throw new IOException(dir + ": no COMPLETE calibration take");
    }
    ObjectMapper json = new ObjectMapper();
    List<StoredCalibrationTake> boards = new ArrayList<>();
    List<StoredCalibrationTake> planes = new ArrayList<>();
    ChessboardSpec board = null;
    String boardFrom = null;
    SequenceDescription seq = null;
    Path seqFrom = null;
    for (StoredCalibrationTake t : all) {
      Path sessionDir = t.dir().toAbsolutePath().getParent().getParent();
      Path sessionFile = RawLayout.calibrationSessionSidecar(sessionDir);
      JsonNode s = json.readTree(sessionFile.toFile());
      String rigId = s.path("rig").asText("");
      if (!rig.id().equals(rigId)) {
        throw new IOException(sessionFile + ": field rig is \"" + rigId + "\" but calibrating rig " + rig.id());
      }
      Path sidecar = t.dir().resolve(RawLayout.takeSidecar());
      for (String c : t.cameraIds()) {
        CameraSpec cam = rig.camera(c).orElseThrow(() -> new IOException(sidecar + ": field expected.cameras names "
            + c + ", which rig " + rig.id() + " does not have"));
        if (cam.resolution().width() != t.width() || cam.resolution().height() != t.height()) {
          throw new IOException(sidecar + ": field expected.width/height is " + t.width() + "x" + t.height()
              + " but camera " + c + " of rig " + rig.id() + " is " + cam.resolution());
        }
      }
      if (t.target().purpose() == CalibrationTarget.Purpose.BOARD) {
        ChessboardSpec b = parseBoard(t.target().target(), sidecar);
        if (board != null && !board.equals(b)) {
          throw new IOException(sidecar + ": field target is " + b.toSpecString() + " but " + boardFrom + " shows "
              + board.toSpecString() + "; one calibration uses one board");
        }
        board = b;
        boardFrom = sidecar.toString();
        boards.add(t);
      } else {
        parseBoard(t.target().target(), sidecar);
        planes.add(t);
      }
      long sl = t.stepLabels().stream().filter(l -> l.startsWith("sl-")).count();
      if (sl > 0) {
        Path f = sessionDir.resolve(SEQUENCE_FILE);
        if (seq == null || !f.equals(seqFrom)) {
          if (!Files.isRegularFile(f)) {
            throw new IOException(t.dir() + " has structured-light steps but " + f + " is missing");
          }
          SequenceDescription read = SequenceFiles.read(f);
          if (seq != null && !SequenceFiles.toJson(seq).equals(SequenceFiles.toJson(read))) {
            throw new IOException(f + ": the sequence differs from " + seqFrom + "; one calibration uses one sequence");
          }
          seq = read;
          seqFrom = f;
        }
        if (sl != (long) seq.size() * rig.projectors().size()) {
          throw new IOException(sidecar + ": field stepLabels has " + sl + " structured-light steps, expected "
              + rig.projectors().size() + " projectors x " + seq.size() + " patterns of " + seqFrom);
        }
      }
      if (t.step("flat") < 0) {
        throw new IOException(sidecar + ": field stepLabels has no \"flat\" step");
      }
    }
    if (board == null) {
      throw new IOException(dir + ": no board take (purpose board) among " + all.size() + " calibration takes");
    }
    return new TakeInputs(rig, board, boards, planes, seq);
  }

  /** Step index of SL pattern {@code k} of projector {@code projector} (rig order) in {@code take}. */
  public int slStep(StoredCalibrationTake take, int projector, int k) {
    return take.step(String.format("sl-%03d", projector * sequence.size() + k));
  }

  /** True if {@code take} has structured-light steps. */
  public static boolean hasStructuredLight(StoredCalibrationTake take) {
    return take.stepLabels().stream().anyMatch(l -> l.startsWith("sl-"));
  }

  private static ChessboardSpec parseBoard(String spec, Path sidecar) throws IOException {
    try {
      if (BoardSpecs.parse(spec) instanceof ChessboardSpec c) {
        return c;
      }
      throw new IOException(sidecar + ": field target \"" + spec + "\" is not a chessboard");
    } catch (IllegalArgumentException e) {
      throw new IOException(sidecar + ": field target: " + e.getMessage(), e);
    }
  }
}
