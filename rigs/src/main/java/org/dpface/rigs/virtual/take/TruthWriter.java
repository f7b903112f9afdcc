package org.dpface.rigs.virtual.take;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.InterleavedF32;
import org.dpface.core.io.AtomicFiles;
import org.dpface.core.io.NpyFiles;
import org.dpface.core.io.Pictures;
import org.dpface.core.io.PngImages;
import org.dpface.core.mesh.PlyFormat;
import org.dpface.core.mesh.PlyWriter;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.SplitAxis;
import org.dpface.rigs.virtual.optics.ThinLensDp;
import org.dpface.rigs.virtual.render.ProjectorSource;
import org.dpface.rigs.virtual.render.SceneLookup;

/**
 * Writes the ground truth of a {@link VirtualTake} into its own directory (beside the take's images,
 * never mixed into them). Layout of {@code dir}:
 *
 * <pre>
 *   truth.json              format "dpface-virtual-truth", version 1: ids, units, camera and projector
 *                           models and poses, DP coefficients, the file list below
 *   mesh.ply                the posed subject mesh (binary little-endian, mm, world frame)
 *   &lt;camera&gt;/depth.npy      float32 (H, W): planar Z (mm, camera frame), 0 = invalid
 *   &lt;camera&gt;/normal.npy     float32 (H, W, 3): unit normals, camera frame, toward the camera; 0 = invalid
 *   &lt;camera&gt;/mask.png       8-bit grey: 255 where the subject is seen, 0 elsewhere
 *   &lt;camera&gt;/uv-&lt;proj&gt;.npy  float32 (H, W, 2): projector pixel (u, v) lighting each camera pixel, NaN
 *                           where that projector does not light it (shadow, outside its image, no surface)
 *   &lt;camera&gt;/depth.png, normal.png   pictures ({@link Pictures}) for people
 * </pre>
 *
 * The {@code .npy} files (NumPy format 1.0, {@link NpyFiles}) open with {@code numpy.load}. Camera
 * entries hold the nominal (true) model: {@code K} = [fx, fy, cx, cy] in pixels (pixel centres at
 * integers), OpenCV distortion, {@code worldToCamera} as a row-major 3×3 rotation and a translation in mm;
 * {@code dp} holds the split axis, the DP f-number and the true coefficients of d = a / Z + b (px, Z in
 * mm) at that f-number, plus the SL f-number. Projectors alike with {@code worldToProjector}. Every file
 * is written atomically.
 */
public final class TruthWriter {
  /** The {@code format} of truth.json. */
  public static final String FORMAT = "dpface-virtual-truth";
  /** The {@code version} of truth.json this code writes and reads. */
  public static final int VERSION = 1;
  /** Name of the metadata file inside the truth directory. */
  public static final String META = "truth.json";
  /** Name of the mesh file inside the truth directory. */
  public static final String MESH = "mesh.ply";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private TruthWriter() {}

  /** Writes the truth of {@code take} into {@code dir} (created if missing). */
  public static void write(Path dir, VirtualTake take) throws IOException {
    Files.createDirectories(dir);
    PlyWriter.write(dir.resolve(MESH), take.subject().mesh(), PlyFormat.BINARY_LITTLE_ENDIAN);
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("units", "mm");
    root.put("conventions", "OpenCV camera frame (x right, y down, z forward); pixel (u, v) = (column, row),"
        + " integer coordinates at pixel centres; depth is planar Z; normals toward the camera;"
        + " DP disparity d = a / Z + b (px along the split axis, > 0 behind focus)");
    root.put("rig", take.rig().id());
    root.put("subject", take.subject().subject().id());
    root.put("pose", take.subject().pose().id());
    root.put("mesh", MESH);
    ArrayNode cams = root.putArray("cameras");
    for (String id : take.cameraIds()) {
      cams.add(writeCamera(dir, take, id));
    }
    ArrayNode projs = root.putArray("projectors");
    for (ProjectorSource p : take.scene().projectors()) {
      ObjectNode n = projs.addObject();
      n.put("id", p.id());
      putModel(n, p.model());
      putTransform(n.putObject("worldToProjector"), p.worldToProjector());
    }
    AtomicFiles.writeString(dir.resolve(META), JSON.writeValueAsString(root));
  }

  private static ObjectNode writeCamera(Path dir, VirtualTake take, String id) throws IOException {
    SceneLookup lookup = take.lookup(id);
    CameraSpec spec = take.cameraSpec(id);
    Path camDir = dir.resolve(id);
    Files.createDirectories(camDir);
    ObjectNode n = JSON.createObjectNode();
    n.put("id", id);
    putModel(n, lookup.camera());
    putTransform(n.putObject("worldToCamera"), lookup.worldToCamera());
    ThinLensDp dp = take.dpOptics(id);
    ObjectNode d = n.putObject("dp");
    d.put("present", spec.dualPixel().present());
    d.put("splitAxis", spec.dualPixel().splitAxis().orElse(SplitAxis.HORIZONTAL).name().toLowerCase());
    d.put("fNumber", dp.lens().fNumber());
    d.put("a", dp.coefficientA());
    d.put("b", dp.coefficientB());
    d.put("slFNumber", take.slOptics(id).lens().fNumber());
    ObjectNode files = n.putObject("files");
    NpyFiles.write(camDir.resolve("depth.npy"), lookup.depth);
    files.put("depth", id + "/depth.npy");
    NpyFiles.write(camDir.resolve("normal.npy"), lookup.normal);
    files.put("normal", id + "/normal.npy");
    GrayU8 mask = new GrayU8(lookup.width(), lookup.height());
    for (int i = 0; i < lookup.width() * lookup.height(); i++) {
      mask.data[i] = lookup.mask.data[i] != 0 ? (byte) 255 : 0;
    }
    PngImages.write(camDir.resolve("mask.png"), mask);
    files.put("mask", id + "/mask.png");
    ObjectNode uvFiles = files.putObject("projectorUv");
    InterleavedF32 uv = new InterleavedF32(lookup.width(), lookup.height(), 2);
    for (int p = 0; p < lookup.projectorCount(); p++) {
      litProjectorUv(lookup.projector(p), uv);
      String pid = lookup.scene().projectors().get(p).id();
      NpyFiles.write(camDir.resolve("uv-" + pid + ".npy"), uv);
      uvFiles.put(pid, id + "/uv-" + pid + ".npy");
    }
    Pictures.writePng(camDir.resolve("depth.png"), Pictures.depth(lookup.depth));
    Pictures.writePng(camDir.resolve("normal.png"), Pictures.normals(lookup.normal, null));
    files.put("depthPicture", id + "/depth.png");
    files.put("normalPicture", id + "/normal.png");
    return n;
  }

  /** Projector (u, v) where the projector lights the pixel, NaN elsewhere, into {@code out}. */
  static void litProjectorUv(SceneLookup.ProjectorMaps m, InterleavedF32 out) {
    for (int i = 0; i < out.width() * out.height(); i++) {
      boolean lit = m.lit.data[i] != 0;
      out.data[2 * i] = lit ? m.uv.data[2 * i] : Float.NaN;
      out.data[2 * i + 1] = lit ? m.uv.data[2 * i + 1] : Float.NaN;
    }
  }

  private static void putModel(ObjectNode n, CameraModel m) {
    n.put("width", m.width());
    n.put("height", m.height());
    ArrayNode k = n.putArray("K");
    k.add(m.fx()).add(m.fy()).add(m.cx()).add(m.cy());
    ArrayNode dist = n.putArray("distortion");
    for (double v : m.distortion()) {
      dist.add(v);
    }
  }

  private static void putTransform(ObjectNode n, RigidTransform t) {
    ArrayNode r = n.putArray("rotation");
    for (double v : t.rotation()) {
      r.add(v);
    }
    ArrayNode tr = n.putArray("translationMm");
    for (double v : t.translation()) {
      tr.add(v);
    }
  }
}
