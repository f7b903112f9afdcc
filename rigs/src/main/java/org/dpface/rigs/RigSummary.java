package org.dpface.rigs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.dpface.core.camera.CameraModel;

/**
 * The human-readable summary printed by {@code dpface rig show}: header, nominal subject geometry, one
 * table row per camera (resolution, pitch, f, N, focus, field of view, field size at the focus
 * distance, thin-lens blur at the front and back of the subject sphere, DP axis, driver, position),
 * projectors, lights and the trigger-board channel map. Lengths in mm, angles in degrees.
 */
public final class RigSummary {
  private RigSummary() {}

  /** The summary text (lines separated by {@code \n}, ending with one). */
  public static String format(RigDescription rig) {
    StringBuilder sb = new StringBuilder();
    sb.append("Rig ").append(rig.id()).append(" (").append(RigDescription.FORMAT).append(" v")
        .append(RigDescription.VERSION).append(")\n");
    if (!rig.description().isEmpty()) {
      sb.append("  ").append(rig.description()).append('\n');
    }
    sb.append("  World frame: ").append(rig.worldFrame()).append('\n');
    NominalGeometry g = rig.nominalGeometry();
    sb.append("  Subject: centre ").append(vec(g.subjectCentreMm())).append(" mm, sphere diameter ")
        .append(num(g.subjectDiameterMm(), 0)).append(" mm\n\n");

    sb.append("Cameras (").append(rig.cameras().size()).append("):\n");
    Table cams = new Table("id", "model", "resolution", "pitch um", "f mm", "N", "focus mm",
        "FOV deg (h x v)", "field at focus mm", "blur px front/back", "DP", "driver", "position mm");
    for (CameraSpec c : rig.cameras()) {
      CameraModel m = c.nominalModel();
      double[] fov = c.fieldOfViewRad();
      double[] a = new double[2];
      double[] b = new double[2];
      m.unproject(-0.5, m.cy(), a, 0);
      m.unproject(m.width() - 0.5, m.cy(), b, 0);
      double fieldW = (b[0] - a[0]) * c.lens().focusDistanceMm();
      m.unproject(m.cx(), -0.5, a, 0);
      m.unproject(m.cx(), m.height() - 0.5, b, 0);
      double fieldH = (b[1] - a[1]) * c.lens().focusDistanceMm();
      double[] centre = new double[3];
      Vec3 s = g.subjectCentreMm();
      c.worldToCamera().transformPoint(s.x(), s.y(), s.z(), centre, 0);
      double r = g.subjectDiameterMm() / 2;
      String blur = centre[2] - r > 0
          ? signed(c.blurDiameterPx(centre[2] - r)) + " / " + signed(c.blurDiameterPx(centre[2] + r))
          : "subject behind camera";
      cams.row(c.id(), c.model(), c.resolution().toString(), num(c.pixelPitchUm(), 2),
          num(c.lens().focalLengthMm(), 1), num(c.lens().fNumber(), 2), num(c.lens().focusDistanceMm(), 0),
          num(Math.toDegrees(fov[0]), 1) + " x " + num(Math.toDegrees(fov[1]), 1),
          num(fieldW, 0) + " x " + num(fieldH, 0), blur,
          c.dualPixel().splitAxis().map(SplitAxis::jsonName).orElse("none"), c.driver().type(),
          vec(c.cameraToWorld().translationMm()));
    }
    cams.render(sb);

    sb.append("\nProjectors (").append(rig.projectors().size()).append("):\n");
    if (!rig.projectors().isEmpty()) {
      Table projs = new Table("id", "model", "resolution", "optics", "FOV deg (h x v)", "driver", "position mm");
      for (ProjectorSpec p : rig.projectors()) {
        double[] fov = p.fieldOfViewRad();
        String optics = p.throwRatio().isPresent()
            ? "throw ratio " + num(p.throwRatio().getAsDouble(), 2)
            : "fx " + num(p.intrinsics().orElseThrow().fx(), 1) + " px";
        projs.row(p.id(), p.model(), p.resolution().toString(), optics,
            num(Math.toDegrees(fov[0]), 1) + " x " + num(Math.toDegrees(fov[1]), 1), p.driver().type(),
            vec(p.projectorToWorld().translationMm()));
      }
      projs.render(sb);
    }

    sb.append("\nLights (").append(rig.lights().size()).append("):\n");
    if (!rig.lights().isEmpty()) {
      Table lights = new Table("id", "type", "direction to light / position mm", "driver", "channels");
      for (LightSpec l : rig.lights()) {
        String where = l.directionToLight().map(RigSummary::vecDir).orElseGet(() -> vec(l.positionMm().orElseThrow()));
        lights.row(l.id(), l.type().jsonName(), where, l.driver().type(), channels(rig, l.id()));
      }
      lights.render(sb);
    }

    TriggerBoardSpec t = rig.triggerBoard();
    sb.append("\nTrigger board: ").append(t.driver().jsonName());
    t.port().ifPresent(p -> sb.append(" on ").append(p));
    t.baud().ifPresent(b -> sb.append(" at ").append(b).append(" baud"));
    sb.append(", ").append(t.channels().size()).append(" of ").append(t.channelCount())
        .append(" channels mapped\n");
    if (!t.channels().isEmpty()) {
      Table ch = new Table("channel", "target", "action");
      t.channels().stream().sorted((x, y) -> Integer.compare(x.channel(), y.channel()))
          .forEach(m -> ch.row(String.valueOf(m.channel()), m.target(), m.action().jsonName()));
      ch.render(sb);
    }
    return sb.toString();
  }

  private static String channels(RigDescription rig, String id) {
    List<ChannelMapping> ms = rig.triggerBoard().channelsFor(id);
    return ms.isEmpty() ? "-" : ms.stream().map(m -> String.valueOf(m.channel())).collect(Collectors.joining(","));
  }

  private static String num(double v, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String signed(double v) {
    return String.format(Locale.ROOT, "%+.1f", v);
  }

  private static String vec(Vec3 v) {
    return "(" + num(v.x(), 1) + ", " + num(v.y(), 1) + ", " + num(v.z(), 1) + ")";
  }

  private static String vecDir(Vec3 v) {
    return "(" + num(v.x(), 3) + ", " + num(v.y(), 3) + ", " + num(v.z(), 3) + ")";
  }

  /** Left-aligned text table with a header row, two spaces between columns. */
  private static final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
      rows.add(header);
    }

    void row(String... cells) {
      rows.add(cells);
    }

    void render(StringBuilder sb) {
      int cols = rows.get(0).length;
      int[] w = new int[cols];
      for (String[] r : rows) {
        for (int i = 0; i < cols; i++) {
          w[i] = Math.max(w[i], r[i].length());
        }
      }
      for (String[] r : rows) {
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < cols; i++) {
          line.append(r[i]);
          if (i + 1 < cols) {
            line.append(" ".repeat(w[i] - r[i].length() + 2));
          }
        }
        sb.append(line.toString().stripTrailing()).append('\n');
      }
    }
  }
}
