package org.dpface.rigs.virtual.subject;

import static org.dpface.rigs.virtual.subject.MeanHeadShape.BROW_Y;
import static org.dpface.rigs.virtual.subject.MeanHeadShape.CHIN_Y;
import static org.dpface.rigs.virtual.subject.MeanHeadShape.EYE_X;
import static org.dpface.rigs.virtual.subject.MeanHeadShape.EYE_Y;
import static org.dpface.rigs.virtual.subject.MeanHeadShape.MOUTH_Y;
import static org.dpface.rigs.virtual.subject.MeanHeadShape.NASION_Y;
import static org.dpface.rigs.virtual.subject.MeanHeadShape.NOSE_TIP_Y;
import static org.dpface.rigs.virtual.subject.MeanHeadShape.frontGate;
import static org.dpface.rigs.virtual.subject.MeanHeadShape.gauss;
import static org.dpface.rigs.virtual.subject.MeanHeadShape.sideGate;
import static org.dpface.rigs.virtual.subject.MeanHeadShape.smoothstep;

/**
 * The identity deformations of the standard {@link HeadModel}: smooth, low-frequency displacement
 * fields (mm) for one standard deviation of a shape trait. Each is evaluated per vertex from the mean
 * position p, the base point p0 and the unit direction u (head frame); radial fields displace along u,
 * which keeps the head star-shaped. Amplitudes follow typical adult anthropometric spreads (a few mm).
 */
enum IdentityField {
  HEAD_WIDTH("head-width", "cranial and facial breadth, +8 mm per sd") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      set(out, 4 * p[0] / 76, 0, 0);
    }
  },
  HEAD_LENGTH("head-length", "back of the head, +5 mm per sd") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      set(out, 0, 0, 5 * p[2] / 100 * smoothstep(-20, 40, p[2]));
    }
  },
  VAULT_HEIGHT("vault-height", "top of the head, +5 mm per sd") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      set(out, 0, 5 * p[1] / 126 * smoothstep(0, -50, p[1]), 0);
    }
  },
  FACE_HEIGHT("face-height", "lower face lengthened downward, +6 mm at the chin per sd") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      double s = Math.max(0, Math.min(1, p0[1] / 110)) * smoothstep(0.0, 0.4, -u[2]);
      set(out, 0, 6 * s * smoothstep(170, 110, p0[1]), 0);
    }
  },
  FACE_DEPTH("face-depth", "midface forward, +4 mm per sd") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      radial(out, u, 4 * frontGate(u[2]) * gauss(Math.hypot(p0[0], p0[1] - 10) / 45));
    }
  },
  NOSE_PROJECTION("nose-projection", "nose height scaled by 9% per sd") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      radial(out, u, 0.09 * frontGate(u[2]) * MeanHeadShape.nose(p0[0], p0[1]));
    }
  },
  NOSE_WIDTH("nose-width", "nose widened by 12% per sd") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      set(out, 0.12 * p0[0] * noseRegion(p0) * frontGate(u[2]), 0, 0);
    }
  },
  NOSE_LENGTH("nose-length", "nose tip lowered by 3 mm per sd") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      double t = Math.max(0, Math.min(1, (p0[1] - NASION_Y) / (NOSE_TIP_Y - NASION_Y)));
      set(out, 0, 3 * t * noseRegion(p0) * frontGate(u[2]), 0);
    }
  },
  JAW_WIDTH("jaw-width", "lower jaw breadth, +8 mm per sd") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      double w = smoothstep(20, 80, p0[1]) * smoothstep(180, 120, p0[1]) * smoothstep(40, -20, p0[2]);
      set(out, 4 * p[0] / 60 * w, 0, 0);
    }
  },
  CHIN_PROJECTION("chin-projection", "chin forward, +4 mm per sd") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      radial(out, u, 4 * frontGate(u[2]) * gauss(Math.hypot(p0[0], p0[1] - CHIN_Y) / 18));
    }
  },
  CHEEK_FULLNESS("cheek-fullness", "cheeks out, +2.5 mm per sd") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      radial(out, u, 2.5 * frontGate(u[2]) * gauss(Math.hypot(Math.abs(p0[0]) - 42, p0[1] - 25) / 17));
    }
  },
  BROW_PROMINENCE("brow-prominence", "brow ridge out, +2.5 mm per sd") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      double w = gauss((p0[1] - BROW_Y) / 8) * gauss(Math.max(0, Math.abs(p0[0]) - 35) / 10);
      radial(out, u, 2.5 * frontGate(u[2]) * w);
    }
  },
  EYE_DEPTH("eye-depth", "eye sockets deeper, 2.5 mm per sd") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      double w = gauss(Math.hypot(Math.abs(p0[0]) - EYE_X, p0[1] - EYE_Y) / 13);
      radial(out, u, -2.5 * frontGate(u[2]) * w);
    }
  },
  LIP_FULLNESS("lip-fullness", "lips scaled by 25% per sd") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      double lips = Math.max(0, MeanHeadShape.lips(p0[0], p0[1]));
      radial(out, u, 0.25 * frontGate(u[2]) * lips * smoothstep(20, 30, p0[1]) * smoothstep(75, 65, p0[1]));
    }
  },
  MOUTH_WIDTH("mouth-width", "mouth corners out, +2.5 mm each per sd") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      double w = gauss((p0[1] - MOUTH_Y) / 9) * gauss(Math.max(0, Math.abs(p0[0]) - 20) / 10);
      set(out, 2.5 * w * frontGate(u[2]) * Math.tanh(p0[0] / 8), 0, 0);
    }
  },
  EAR_PROTRUSION("ear-protrusion", "ears out, +4 mm per sd") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      radial(out, u, 4 * sideGate(u[0]) * Math.max(0, MeanHeadShape.ear(p0[1], p0[2])) / 15);
    }
  },
  FOREHEAD_SLOPE("forehead-slope", "forehead leans back, 5 mm at the hairline per sd") {
    @Override
    void eval(double[] p, double[] p0, double[] u, double[] out) {
      double s = smoothstep(-45, -110, p0[1]) * smoothstep(-10, -60, p0[2]);
      set(out, 0, 0, 5 * s);
    }
  };

  /** Name stored in the model file. */
  final String id;
  /** What one standard deviation does. */
  final String description;

  IdentityField(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** Displacement (mm) of one vertex: mean p, base p0, direction u (3 each) into out[0..2]. */
  abstract void eval(double[] p, double[] p0, double[] u, double[] out);

  private static double noseRegion(double[] p0) {
    double y = Math.max(NASION_Y, Math.min(NOSE_TIP_Y + 6, p0[1]));
    return gauss(p0[0] / 22) * gauss((p0[1] - y) / 6);
  }

  static void set(double[] out, double x, double y, double z) {
    out[0] = x;
    out[1] = y;
    out[2] = z;
  }

  static void radial(double[] out, double[] u, double h) {
    out[0] = h * u[0];
    out[1] = h * u[1];
    out[2] = h * u[2];
  }
}
