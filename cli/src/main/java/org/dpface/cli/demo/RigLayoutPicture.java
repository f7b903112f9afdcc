package org.dpface.cli.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.io.AtomicFiles;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.ProjectorSpec;
import org.dpface.rigs.RigDescription;

/**
 * Draws a rig's nominal layout: a top view (world x to the right, z up the page) and a side view
 * (z to the right, world y down the page), with cameras (blue) and projectors (orange) as their
 * centres, optical axes and horizontal/vertical fields of view, and the subject volume (grey).
 */
final class RigLayoutPicture {
  private static final int PANEL = 520;
  private static final Color CAMERA = new Color(30, 90, 200);
  private static final Color PROJECTOR = new Color(230, 120, 20);

  private record Device(String id, double[] centre, double[] axis, double[] xAxis, double[] yAxis, double[] fov, Color color) {}

  private RigLayoutPicture() {}

  static void write(RigDescription rig, Path png) throws IOException {
    List<Device> devices = new ArrayList<>();
    for (CameraSpec c : rig.cameras()) {
      devices.add(device(c.id(), c.cameraToWorld().toTransform(), c.fieldOfViewRad(), CAMERA));
    }
    for (ProjectorSpec p : rig.projectors()) {
      devices.add(device(p.id(), p.projectorToWorld().toTransform(), p.fieldOfViewRad(), PROJECTOR));
    }
    double[] subject = rig.nominalGeometry().subjectCentreMm().toArray();
    double radius = rig.nominalGeometry().subjectDiameterMm() / 2;
    BufferedImage img = new BufferedImage(2 * PANEL, PANEL, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, 2 * PANEL, PANEL);
      drawView(g, 0, devices, subject, radius, 0, 2, "top view: x right, z up (mm)", true);
      drawView(g, PANEL, devices, subject, radius, 2, 1, "side view: z right, y down (mm)", false);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(img, "png", bytes);
    AtomicFiles.write(png, bytes.toByteArray());
  }

  private static Device device(String id, RigidTransform toWorld, double[] fov, Color color) {
    double[] c = toWorld.translation();
    double[] z = new double[3];
    double[] x = new double[3];
    double[] y = new double[3];
    toWorld.transformDirection(0, 0, 1, z, 0);
    toWorld.transformDirection(1, 0, 0, x, 0);
    toWorld.transformDirection(0, 1, 0, y, 0);
    return new Device(id, c, z, x, y, fov, color);
  }

  /** One panel: axis {@code h} of the world horizontal, axis {@code v} vertical (flipped when {@code up}). */
  private static void drawView(Graphics2D g, int x0, List<Device> devices, double[] subject, double radius,
      int h, int v, String title, boolean up) {
    double minH = subject[h] - radius;
    double maxH = subject[h] + radius;
    double minV = subject[v] - radius;
    double maxV = subject[v] + radius;
    for (Device d : devices) {
      minH = Math.min(minH, d.centre()[h]);
      maxH = Math.max(maxH, d.centre()[h]);
      minV = Math.min(minV, d.centre()[v]);
      maxV = Math.max(maxV, d.centre()[v]);
    }
    double span = Math.max(maxH - minH, maxV - minV) * 1.15 + 1;
    double scale = (PANEL - 60) / span;
    double midH = (minH + maxH) / 2;
    double midV = (minV + maxV) / 2;
    java.util.function.DoubleUnaryOperator px = a -> x0 + PANEL / 2.0 + (a - midH) * scale;
    java.util.function.DoubleUnaryOperator py = b -> PANEL / 2.0 + 10 + (up ? -(b - midV) : (b - midV)) * scale;
    g.setColor(new Color(200, 200, 200));
    double r = radius * scale;
    g.fill(new Ellipse2D.Double(px.applyAsDouble(subject[h]) - r, py.applyAsDouble(subject[v]) - r, 2 * r, 2 * r));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    for (Device d : devices) {
      double[] c = d.centre();
      double dist = distance(c, subject);
      // field-of-view wedge: the image's x axis lies in the top view, its y axis in the side view
      double[] side = up ? d.xAxis() : d.yAxis();
      double half = (up ? d.fov()[0] : d.fov()[1]) / 2;
      g.setColor(d.color());
      g.setStroke(new BasicStroke(1f));
      for (int s = -1; s <= 1; s += 2) {
        double t = Math.tan(half) * s;
        double ex = c[h] + dist * (d.axis()[h] + t * side[h]);
        double ey = c[v] + dist * (d.axis()[v] + t * side[v]);
        g.draw(new Line2D.Double(px.applyAsDouble(c[h]), py.applyAsDouble(c[v]), px.applyAsDouble(ex), py.applyAsDouble(ey)));
      }
      g.setStroke(new BasicStroke(2f));
      g.draw(new Line2D.Double(px.applyAsDouble(c[h]), py.applyAsDouble(c[v]),
          px.applyAsDouble(c[h] + dist * d.axis()[h]), py.applyAsDouble(c[v] + dist * d.axis()[v])));
      g.fill(new Ellipse2D.Double(px.applyAsDouble(c[h]) - 4, py.applyAsDouble(c[v]) - 4, 8, 8));
      g.drawString(d.id(), (float) px.applyAsDouble(c[h]) + 6, (float) py.applyAsDouble(c[v]) - 6);
    }
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(title, x0 + 12, 20);
    g.drawLine(x0 + PANEL - 1, 0, x0 + PANEL - 1, PANEL);
  }

  private static double distance(double[] a, double[] b) {
    double dx = a[0] - b[0];
    double dy = a[1] - b[1];
    double dz = a[2] - b[2];
    return Math.sqrt(dx * dx + dy * dy + dz * dz);
  }
}
