package org.dpface.rigs.virtual.subject;

import java.util.SplittableRandom;

/**
 * Procedural, seeded albedo of a synthetic subject: linear RGB reflectance in [0, 1] as a function of
 * the <em>material point</em> (the vertex's position on the neutral mean head, head frame, mm; see
 * {@link PosedSubject#materialCoordinates()}), so it sticks to the skin under identity, expression and
 * pose. Image formation evaluates it per pixel at the barycentric interpolation of the material
 * points of the visible triangle's vertices.
 *
 * <p>Layers, bottom to top: skin tone with low-frequency blotches (value noise, 12 and 4 mm); pores
 * (Worley spots, 0.8 mm cells) and fine mottling (0.5 mm); blush on cheeks and nose; freckles (Worley
 * spots, 3 mm cells, seeded density) on cheeks and nose; lips with vertical wrinkles and a dark mouth
 * seam (which becomes the mouth cavity when yawning); nostrils; eyes (sclera, iris, pupil, lash line)
 * inside an almond lid opening; brows and scalp hair with streak noise. Region boundaries are soft
 * (about 0.5-2 mm).
 *
 * <p>{@link #specularity()} is a mild specular weight (0.02-0.08) for image formation to use with its
 * own lobe; the albedo itself is diffuse. Thread-safe and allocation-free.
 */
public final class SkinAlbedo {
  private static final double[] MOUTH = MeanHeadShape.frontSurfacePoint(0, MeanHeadShape.MOUTH_Y);
  private static final double[] EYE =
      MeanHeadShape.frontSurfacePoint(MeanHeadShape.EYE_X, MeanHeadShape.EYE_Y + 1);
  private static final double[] NOSE_TIP = MeanHeadShape.frontSurfacePoint(0, MeanHeadShape.NOSE_TIP_Y);
  private static final double[] BROW = MeanHeadShape.frontSurfacePoint(20, MeanHeadShape.BROW_Y);

  private final long seed;
  private final double[] skin;
  private final double[] hair;
  private final double[] iris;
  private final double[] lip;
  private final double redness;
  private final double freckleDensity;
  private final double poreStrength;
  private final double specularity;

  private SkinAlbedo(long seed) {
    this.seed = seed;
    SplittableRandom rnd = new SplittableRandom(seed);
    // Skin tones from light to dark (sRGB), interpolated, converted to linear.
    double[][] tones = {{0.91, 0.76, 0.66}, {0.80, 0.62, 0.50}, {0.66, 0.48, 0.36}, {0.45, 0.31, 0.23}};
    double t = rnd.nextDouble() * (tones.length - 1);
    int i = Math.min(tones.length - 2, (int) t);
    double f = t - i;
    skin = new double[3];
    for (int c = 0; c < 3; c++) {
      skin[c] = srgbToLinear(tones[i][c] + f * (tones[i + 1][c] - tones[i][c]));
    }
    double[][] hairs = {{0.05, 0.035, 0.025}, {0.12, 0.07, 0.04}, {0.30, 0.20, 0.10}, {0.02, 0.02, 0.02}};
    hair = hairs[rnd.nextInt(hairs.length)].clone();
    double[][] irises = {{0.10, 0.05, 0.02}, {0.12, 0.20, 0.30}, {0.12, 0.16, 0.08}};
    iris = irises[rnd.nextInt(irises.length)].clone();
    lip = new double[] {skin[0] * 0.85, skin[1] * 0.45, skin[2] * 0.48};
    redness = 0.1 + 0.2 * rnd.nextDouble();
    freckleDensity = rnd.nextDouble() < 0.4 ? 0.15 + 0.45 * rnd.nextDouble() : 0.03;
    poreStrength = 0.10 + 0.10 * rnd.nextDouble();
    specularity = 0.02 + 0.06 * rnd.nextDouble();
  }

  /** The albedo of subject seed {@code seed} (same seed, same albedo everywhere). */
  public static SkinAlbedo fromSeed(long seed) {
    return new SkinAlbedo(seed);
  }

  public long seed() {
    return seed;
  }

  /** Mild specular weight in [0.02, 0.08] (dimensionless, for image formation). */
  public double specularity() {
    return specularity;
  }

  /** Base skin colour, linear RGB (copy). */
  public double[] skinTone() {
    return skin.clone();
  }

  /**
   * Linear RGB albedo in [0, 1] at material point (x, y, z) (mean-head frame, mm) into out[off..off+2].
   */
  public void albedo(double x, double y, double z, float[] out, int off) {
    double ax = Math.abs(x);
    double front = MeanHeadShape.smoothstep(-45, -70, z);
    // Skin with blotches, mottling and pores.
    double blotch = 1 + 0.10 * (ProceduralNoise.fbm2(seed, x / 12, y / 12, z / 12) - 0.5)
        + 0.06 * (ProceduralNoise.value(seed + 7, x / 4, y / 4, z / 4) - 0.5);
    double mottle = 1 + 0.08 * (ProceduralNoise.value(seed + 11, x / 0.5, y / 0.5, z / 0.5) - 0.5);
    double pores = ProceduralNoise.spots(seed + 13, x / 0.8, y / 0.8, z / 0.8, 0.9, 0.3);
    double shade = blotch * mottle * (1 - poreStrength * pores);
    double r = skin[0] * shade;
    double g = skin[1] * shade;
    double b = skin[2] * shade;
    // Blush on cheeks and nose tip.
    double blush = redness * front
        * (gauss(Math.hypot(ax - 38, y - 15) / 15) + 0.6 * gauss(dist(x, y, NOSE_TIP[0], NOSE_TIP[1]) / 8));
    g *= 1 - 0.5 * blush;
    b *= 1 - 0.4 * blush;
    // Freckles.
    double freckleZone = front * (gauss(Math.hypot(ax - 30, y - 5) / 22) + gauss(Math.hypot(x, y + 5) / 15));
    if (freckleZone > 0.05) {
      double s = ProceduralNoise.spots(seed + 17, x / 3, y / 3, z / 3, freckleDensity, 0.28) * Math.min(1, freckleZone);
      r *= 1 - 0.35 * s;
      g *= 1 - 0.45 * s;
      b *= 1 - 0.55 * s;
    }
    // Lips and the mouth seam.
    double my = MOUTH[1];
    double lipW = 0;
    if (ax < 27 && y > my - 10 && y < my + 12) {
      double upper = 7 * Math.sqrt(Math.max(0, 1 - (x / 25) * (x / 25)));
      double lower = 9 * Math.sqrt(Math.max(0, 1 - (x / 24) * (x / 24)));
      double d = y < my ? (my - y) - upper : (y - my) - lower;
      lipW = front * MeanHeadShape.smoothstep(0.6, -0.6, d);
      double wrinkle = 0.9 + 0.2 * ProceduralNoise.value(seed + 19, x / 0.45, y / 3, z / 0.45);
      r = mix(r, lip[0] * wrinkle, lipW);
      g = mix(g, lip[1] * wrinkle, lipW);
      b = mix(b, lip[2] * wrinkle, lipW);
      double seam = front * MeanHeadShape.smoothstep(1.7, 1.3, Math.abs(y - my))
          * MeanHeadShape.smoothstep(26, 22, ax);
      r = mix(r, 0.03, seam);
      g = mix(g, 0.01, seam);
      b = mix(b, 0.01, seam);
    }
    // Nostrils (seen from below).
    double nostril = front * gauss(Math.hypot((ax - 7) / 3.5, (y - (NOSE_TIP[1] + 6)) / 2.2));
    r *= 1 - 0.85 * nostril;
    g *= 1 - 0.85 * nostril;
    b *= 1 - 0.85 * nostril;
    // Eyes.
    double ex = (ax - EYE[0]) / 13;
    double ey = (y - EYE[1]) / 5.5;
    double eye2 = ex * ex + ey * ey;
    if (eye2 < 1.6 && front > 0) {
      double open = front * MeanHeadShape.smoothstep(1.0, 0.8, eye2);
      double ir = Math.hypot(ax - EYE[0], y - EYE[1]);
      double irisW = MeanHeadShape.smoothstep(5.8, 5.2, ir);
      double pupilW = MeanHeadShape.smoothstep(2.3, 1.8, ir);
      double er = mix(0.62, iris[0], irisW);
      double eg = mix(0.58, iris[1], irisW);
      double eb = mix(0.55, iris[2], irisW);
      er = mix(er, 0.01, pupilW);
      eg = mix(eg, 0.01, pupilW);
      eb = mix(eb, 0.01, pupilW);
      r = mix(r, er, open);
      g = mix(g, eg, open);
      b = mix(b, eb, open);
      double lash = front * gauss((Math.sqrt(eye2) - 1.0) / 0.12) * (y < EYE[1] ? 1 : 0.35);
      r = mix(r, hair[0], lash);
      g = mix(g, hair[1], lash);
      b = mix(b, hair[2], lash);
    }
    // Brows.
    double browW = 0;
    if (ax > 8 && ax < 56 && front > 0) {
      double arch = (ax - 30) / 22;
      double yb = BROW[1] - 1 - 4 * (1 - arch * arch);
      double half = 4.5 - 2.5 * MeanHeadShape.smoothstep(15, 50, ax);
      browW = front * MeanHeadShape.smoothstep(half, half - 1.5, Math.abs(y - yb))
          * MeanHeadShape.smoothstep(10, 14, ax) * MeanHeadShape.smoothstep(54, 46, ax);
    }
    // Scalp hair.
    double hairW = MeanHeadShape.smoothstep(2, -2,
        y - hairline(z) + 4 * (ProceduralNoise.value(seed + 23, x / 6, y / 6, z / 6) - 0.5));
    if (browW > 0 || hairW > 0) {
      double streak = 0.5 * ProceduralNoise.value(seed + 29, x / 2.5, y / 0.3, z / 0.3)
          + 0.5 * ProceduralNoise.value(seed + 31, x / 0.3, y / 0.3, z / 2.5);
      double bw = browW * (0.55 + 0.45 * streak);
      double hs = 0.55 + 0.9 * streak;
      double w = Math.max(bw, hairW);
      r = mix(r, hair[0] * hs, w);
      g = mix(g, hair[1] * hs, w);
      b = mix(b, hair[2] * hs, w);
    }
    out[off] = (float) clamp(r);
    out[off + 1] = (float) clamp(g);
    out[off + 2] = (float) clamp(b);
  }

  /** Hairline height (y, mm) as a function of depth z: forehead, above the ears, nape. */
  private static double hairline(double z) {
    if (z < -55) {
      return -76;
    } else if (z < -10) {
      return -76 + (z + 55) / 45 * 30;
    } else if (z < 15) {
      return -46 + (z + 10) / 25 * 6;
    } else if (z < 50) {
      return -40 + (z - 15) / 35 * 85;
    }
    return 45;
  }

  /** sRGB transfer function inverse (IEC 61966-2-1). */
  static double srgbToLinear(double c) {
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }

  /** sRGB transfer function (IEC 61966-2-1). */
  static double linearToSrgb(double c) {
    return c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
  }

  private static double gauss(double u) {
    return Math.exp(-0.5 * u * u);
  }

  private static double dist(double x, double y, double x0, double y0) {
    return Math.hypot(x - x0, y - y0);
  }

  private static double mix(double a, double b, double t) {
    return a + (b - a) * t;
  }

  private static double clamp(double v) {
    return v < 0 ? 0 : v > 1 ? 1 : v;
  }
}
