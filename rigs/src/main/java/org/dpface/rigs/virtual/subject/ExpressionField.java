package org.dpface.rigs.virtual.subject;

import static org.dpface.rigs.virtual.subject.MeanHeadShape.BROW_Y;
import static org.dpface.rigs.virtual.subject.MeanHeadShape.CHIN_Y;
import static org.dpface.rigs.virtual.subject.MeanHeadShape.MOUTH_Y;
import static org.dpface.rigs.virtual.subject.MeanHeadShape.frontGate;
import static org.dpface.rigs.virtual.subject.MeanHeadShape.gauss;
import static org.dpface.rigs.virtual.subject.MeanHeadShape.smoothstep;

/**
 * The expression deformations of the standard {@link HeadModel}, as displacement fields (mm) equal to
 * a smooth warp of the mean head minus the mean head. Vertices move with the skin (tangential motion),
 * so material coordinates and the albedo stay attached to the right features.
 */
enum ExpressionField {
  /**
   * Frown: inner brows down 5 mm and 3 mm inward, bunching between the brows, mouth corners down
   * 3.5 mm, chin raised (mentalis).
   */
  FROWN("frown") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      double ax = Math.abs(p0[0]);
      double front = frontGate(u[2]);
      double inward = -Math.tanh(p0[0] / 3);
      double wb = gauss(Math.hypot(ax - 17, p0[1] - (BROW_Y + 2)) / 11) * front;
      double wm = gauss(Math.hypot(ax - 24, p0[1] - MOUTH_Y) / 8) * front;
      double dx = wb * 3 * inward + wm * 1.2 * inward;
      double dy = wb * 5 + wm * 3.5;
      double h = 2 * gauss(Math.hypot(ax - 7, p0[1] - (BROW_Y + 6)) / 5) * front;
      h += 1.5 * gauss(Math.hypot(p0[0], p0[1] - (CHIN_Y - 5)) / 10) * front;
      out[0] = dx + h * u[0];
      out[1] = dy + h * u[1];
      out[2] = h * u[2];
    }
  },
  /**
   * Yawn: the jaw below the mouth line rotates 0.15 rad about a hinge near the ear canals and slides
   * 18 mm down, 6 mm forward (menton about 25 mm lower); the skin between the lips stretches into the
   * opening, which is pushed up to 16 mm inward as a mouth cavity. The mesh stays closed.
   */
  YAWN("yawn") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      double ax = Math.abs(p0[0]);
      double hw = 1.2 + 25 * smoothstep(18, 40, ax);
      double w = smoothstep(MOUTH_Y - hw, MOUTH_Y + hw, p0[1])
          * smoothstep(-36, -72, p0[2])
          * smoothstep(165, 115, p0[1]);
      double qy = p[1] - HINGE_Y;
      double qz = p[2] - HINGE_Z;
      double c = Math.cos(JAW_ANGLE);
      double s = Math.sin(JAW_ANGLE);
      double my = qy * c - qz * s + HINGE_Y + JAW_SLIDE_Y;
      double mz = qy * s + qz * c + HINGE_Z + JAW_SLIDE_Z;
      double x = p[0];
      double y = p[1] + w * (my - p[1]);
      double z = p[2] + w * (mz - p[2]);
      double q = 1 - ax / 22;
      double cavity = q > 0 ? 16 * q * Math.sqrt(q) * gauss((p0[1] - MOUTH_Y) / 2.5) * frontGate(u[2]) : 0;
      if (cavity > 0) {
        double r = Math.sqrt(x * x + y * y + z * z);
        double k = 1 - cavity / r;
        x *= k;
        y *= k;
        z *= k;
      }
      out[0] = x - p[0];
      out[1] = y - p[1];
      out[2] = z - p[2];
    }
  };

  static final double JAW_ANGLE = 0.15;
  static final double HINGE_Y = 0;
  static final double HINGE_Z = -10;
  static final double JAW_SLIDE_Y = 18;
  static final double JAW_SLIDE_Z = -6;

  /** Name stored in the model file. */
  final String id;

  ExpressionField(String id) {
    this.id = id;
  }

  /** Displacement (mm) of one vertex: mean p, base p0, direction u (3 each) into out[0..2]. */
  abstract void eval(double[] p, double[] p0, double[] u, double[] out);
}
