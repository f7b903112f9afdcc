package org.dpface.dataset.build;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * A tiny capture lab for tests and examples of the build: one take of one synthetic subject rendered by
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

  /** Writes {@code root/lab}, {@code root/truth} and {@code root/recon} (true mesh). */
  public static void write(Path root, List<String> cameras, int lamps) throws IOException {
    RigDescription rig = rig();
    Path lab = root.resolve("lab");
    Files.createDirectories(lab);
    RigFiles.write(rig, lab.resolve("rig.json"));
    writeSubjects(lab);
    HeadModel model = HeadModel.standard();
    PosedSubject posed = SyntheticSubject.create(1, 1, model).pose(model, SubjectPose.neutralFront(), SubjectPlacement.of(rig));
    VirtualTakeConfig cfg = VirtualTakeConfig.defaults().withThreads(2).withSeed(3).withAmbientShot(false).withLightShadows(false);
    Path takeDir = lab.resolve("sessions").resolve(SESSION).resolve("takes").resolve(TAKE);
    Files.createDirectories(takeDir);
    try (VirtualTake take = VirtualTake.prepare(rig, posed, List.of(), cfg)) {
      GrayU16 left = new GrayU16(1, 1);
      GrayU16 right = new GrayU16(1, 1);
      ObjectNode takeJson = header("dpface-take");
      takeJson.put("session", SESSION).put("subject", "sub-0001").put("take", TAKE).put("spec", "neutral-forward-front")
          .put("attempt", 1).put("state", "COMPLETE");
      ArrayNode frames = takeJson.putArray("frames");
      for (String cam : cameras) {
        for (int s = 0; s < lamps; s++) {
          TakeStep step = take.steps().get(s);
          take.renderStep(cam, s, left, right);
          String stem = String.format("%s_s%03d", cam, s);
          PngImages.write(takeDir.resolve(stem + "_L.png"), left);
          PngImages.write(takeDir.resolve(stem + "_R.png"), right);
          ObjectNode side = header("dpface-frame");
          side.put("session", SESSION).put("take", TAKE).put("stepLabel", step.label()).put("camera", cam).put("step", s);
          Files.write(takeDir.resolve(stem + ".json"), JSON.writeValueAsBytes(side));
          frames.addObject().put("camera", cam).put("step", s);
        }
      }
      Files.write(takeDir.resolve("take.json"), JSON.writeValueAsBytes(takeJson));
      Path truth = root.resolve("truth").resolve(SESSION).resolve(TAKE);
      TruthWriter.write(truth, take);
      writeRecon(root, RigidTransform.identity());
    }
  }

  /** Writes the true mesh moved by {@code move} (world frame) as the take's reconstruction. */
  public static void writeRecon(Path root, RigidTransform move) throws IOException {
    writeRecon(root, move, root);
  }

  /** Same, reading the truth under {@code truthRoot} and writing {@code root/recon}. */
  public static void writeRecon(Path root, RigidTransform move, Path truthRoot) throws IOException {
    TriangleMesh mesh = PlyReader.read(truthRoot.resolve("truth").resolve(SESSION).resolve(TAKE).resolve(TruthWriter.MESH));
    Path dir = root.resolve("recon").resolve(SESSION).resolve(TAKE);
    Files.createDirectories(dir);
    PlyWriter.write(dir.resolve("mesh.ply"), mesh.transformed(move), PlyFormat.BINARY_LITTLE_ENDIAN);
  }

  private static void writeSubjects(Path lab) throws IOException {
    ObjectNode root = header("dpface-subjects");
    root.put("nextNumber", 2);
    ObjectNode s = root.putArray("subjects").addObject();
    s.put("id", "sub-0001");
    s.putObject("consent").put("formVersion", "v2").put("given", "2025-01-01");
    s.putNull("withdrawn");
    Files.write(lab.resolve("subjects.json"), JSON.writeValueAsBytes(root));
  }

  private static ObjectNode header(String format) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", format);
    o.put("version", 1);
    return o;
  }
}
