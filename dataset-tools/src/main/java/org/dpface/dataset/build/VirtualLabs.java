package org.dpface.dataset.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.dpface.capture.session.ConsentRecord;
import org.dpface.capture.session.SubjectRegistry;
import org.dpface.capture.storage.RawLayout;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayU16;
import org.dpface.core.io.PngImages;
import org.dpface.core.mesh.PlyFormat;
import org.dpface.core.mesh.PlyReader;
import org.dpface.core.mesh.PlyWriter;
import org.dpface.core.mesh.TriangleMesh;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.RigDescription;
import org.dpface.rigs.RigFiles;
import org.dpface.rigs.virtual.subject.HeadModel;
import org.dpface.rigs.virtual.subject.PosedSubject;
import org.dpface.rigs.virtual.subject.SubjectPlacement;
import org.dpface.rigs.virtual.subject.SubjectPose;
import org.dpface.rigs.virtual.subject.SyntheticSubject;
import org.dpface.rigs.virtual.take.RigBinning;
import org.dpface.rigs.virtual.take.TakeStep;
import org.dpface.rigs.virtual.take.TruthWriter;
import org.dpface.rigs.virtual.take.VirtualTake;
import org.dpface.rigs.virtual.take.VirtualTakeConfig;

/**
 * A tiny capture lab for tests and examples of the build: one take per synthetic subject rendered by
 * a {@link VirtualTake} (virtual-8cam binned 4×, lamp steps only, the given cameras and lamps) and
 * written in the capture store's layout ({@code capture-controller/DESIGN-storage.md}: take.json,
 * {@code <cam>_s<step>_L/_R.png}, frame sidecars with step labels, subjects.json, rig.json), its truth
 * folder ({@link TruthWriter}) and a {@code recon} folder holding the TRUE mesh (optionally moved) in
 * place of a reconstruction. Writes plain files (not through the capture store's journal).
 */
public final class VirtualLabs {
  /** Binning of the rig. */
  public static final int BINNING = 4;
  /** The session written. */
  public static final String SESSION = "sub-0001-ses-01";
  /** The take written. */
  public static final String TAKE = "take-0001";
  private static final ObjectMapper JSON = new ObjectMapper();

  private VirtualLabs() {}

  /** virtual-8cam binned {@value #BINNING}×. */
  public static RigDescription rig() throws IOException {
    return RigBinning.binned(BundledRigs.load("virtual-8cam"), BINNING);
  }

  /** Writes {@code root/lab}, {@code root/truth} and {@code root/recon} (true mesh) with subject {@code sub-0001}. */
  public static void write(Path root, List<String> cameras, int lamps) throws IOException {
    RigDescription rig = rig();
    Path lab = root.resolve("lab");
    Files.createDirectories(lab);
    RigFiles.write(rig, lab.resolve("rig.json"));
    addSession(root, cameras, lamps);
  }

  /**
   * Registers the next subject of the lab ({@code sub-000N}, consent v2) and writes one take of it,
   * session {@code sub-000N-ses-01}, {@value #TAKE}, pose neutral front, with truth and true-mesh recon.
   *
   * @return the session id
   */
  public static String addSession(Path root, List<String> cameras, int lamps) throws IOException {
    RigDescription rig = rig();
    Path lab = root.resolve("lab");
    String subject = SubjectRegistry.open(lab).add(new ConsentRecord(List.of(ConsentRecord.SCOPE_CAPTURE), "v2",
        LocalDate.of(2025, 1, 1), Optional.empty())).id();
    int number = Integer.parseInt(subject.substring(subject.indexOf('-') + 1));
    String session = subject + "-ses-01";
    HeadModel model = HeadModel.standard();
    PosedSubject posed = SyntheticSubject.create(number, number, model).pose(model, SubjectPose.neutralFront(), SubjectPlacement.of(rig));
    VirtualTakeConfig cfg = VirtualTakeConfig.defaults().withThreads(2).withSeed(3).withAmbientShot(false).withLightShadows(false);
    Path takeDir = RawLayout.takeDir(RawLayout.sessionDir(lab, session), TAKE, "");
    Files.createDirectories(takeDir);
    try (VirtualTake take = VirtualTake.prepare(rig, posed, List.of(), cfg)) {
      GrayU16 left = new GrayU16(1, 1);
      GrayU16 right = new GrayU16(1, 1);
      ObjectNode takeJson = header("dpface-take");
      takeJson.put("session", session).put("subject", subject).put("take", TAKE).put("spec", "neutral-forward-front")
          .put("attempt", 1).put("state", "COMPLETE");
      ObjectNode expected = takeJson.putObject("expected");
      cameras.forEach(expected.putArray("cameras")::add);
      expected.put("steps", lamps).put("width", rig.cameras().get(0).resolution().width())
          .put("height", rig.cameras().get(0).resolution().height());
      ArrayNode frames = takeJson.putArray("frames");
      for (String cam : cameras) {
        for (int s = 0; s < lamps; s++) {
          TakeStep step = take.steps().get(s);
          take.renderStep(cam, s, left, right);
          PngImages.write(takeDir.resolve(RawLayout.leftPng(cam, s)), left);
          PngImages.write(takeDir.resolve(RawLayout.rightPng(cam, s)), right);
          ObjectNode side = header("dpface-frame");
          side.put("session", session).put("take", TAKE).put("stepLabel", step.label()).put("camera", cam).put("step", s);
          Files.write(takeDir.resolve(RawLayout.frameSidecar(cam, s)), JSON.writeValueAsBytes(side));
          frames.addObject().put("camera", cam).put("step", s);
        }
      }
      Files.write(takeDir.resolve(RawLayout.takeSidecar()), JSON.writeValueAsBytes(takeJson));
      TruthWriter.write(root.resolve("truth").resolve(session).resolve(TAKE), take);
      writeRecon(root, RigidTransform.identity(), root, session);
    }
    return session;
  }

  /** Writes the true mesh of {@value #SESSION} moved by {@code move} (world frame) as the take's reconstruction. */
  public static void writeRecon(Path root, RigidTransform move) throws IOException {
    writeRecon(root, move, root);
  }

  /** Same, reading the truth under {@code truthRoot} and writing {@code root/recon}. */
  public static void writeRecon(Path root, RigidTransform move, Path truthRoot) throws IOException {
    writeRecon(root, move, truthRoot, SESSION);
  }

  /** Same for {@code session}'s {@value #TAKE}. */
  public static void writeRecon(Path root, RigidTransform move, Path truthRoot, String session) throws IOException {
    TriangleMesh mesh = PlyReader.read(truthRoot.resolve("truth").resolve(session).resolve(TAKE).resolve(TruthWriter.MESH));
    Path dir = root.resolve("recon").resolve(session).resolve(TAKE);
    Files.createDirectories(dir);
    PlyWriter.write(dir.resolve("mesh.ply"), mesh.transformed(move), PlyFormat.BINARY_LITTLE_ENDIAN);
  }

  private static ObjectNode header(String format) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", format);
    o.put("version", 1);
    return o;
  }
}
