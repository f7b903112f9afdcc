package org.dpface.rigs.virtual.subject;

/**
 * Seeded, allocation-free 3D noise for procedural textures: lattice value noise (quintic fade,
 * trilinear) and Worley-style spots (Worley 1996, "A cellular texture basis function": one random
 * feature point per unit cell, nearest of the 27 neighbouring cells). Pure functions of (seed, point):
 * identical inputs give identical outputs on every thread.
 */
final class ProceduralNoise {
  private ProceduralNoise() {}

  /** SplitMix64 finaliser (Steele, Lea, Flood 2014). */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static long cellHash(long seed, int ix, int iy, int iz) {
    long h = seed * 0x9e3779b97f4a7c15L;
    h = mix(h ^ (ix * 0x632be59bd9b4e019L));
    h = mix(h ^ (iy * 0x8cb92ba72f3d8dd7L));
    return mix(h ^ (iz * 0xd6e8feb86659fd93L));
  }

  /** Uniform [0, 1) from the top 53 bits of a hash. */
  static double unit(long h) {
    return (h >>> 11) * 0x1.0p-53;
  }

  /** Value noise in [0, 1] with unit lattice spacing. */
  static double value(long seed, double x, double y, double z) {
    double fx = Math.floor(x);
    double fy = Math.floor(y);
    double fz = Math.floor(z);
    int ix = (int) fx;
    int iy = (int) fy;
    int iz = (int) fz;
    double tx = fade(x - fx);
    double ty = fade(y - fy);
    double tz = fade(z - fz);
    double c000 = unit(cellHash(seed, ix, iy, iz));
    double c100 = unit(cellHash(seed, ix + 1, iy, iz));
    double c010 = unit(cellHash(seed, ix, iy + 1, iz));
    double c110 = unit(cellHash(seed, ix + 1, iy + 1, iz));
    double c001 = unit(cellHash(seed, ix, iy, iz + 1));
    double c101 = unit(cellHash(seed, ix + 1, iy, iz + 1));
    double c011 = unit(cellHash(seed, ix, iy + 1, iz + 1));
    double c111 = unit(cellHash(seed, ix + 1, iy + 1, iz + 1));
    double x00 = c000 + tx * (c100 - c000);
    double x10 = c010 + tx * (c110 - c010);
    double x01 = c001 + tx * (c101 - c001);
    double x11 = c011 + tx * (c111 - c011);
    double y0 = x00 + ty * (x10 - x00);
    double y1 = x01 + ty * (x11 - x01);
    return y0 + tz * (y1 - y0);
  }

  /** Two octaves of value noise (weights 2/3, 1/3), in [0, 1]. */
  static double fbm2(long seed, double x, double y, double z) {
    return (2 * value(seed, x, y, z) + value(seed + 1, 2.03 * x, 2.03 * y, 2.03 * z)) / 3;
  }

  /**
   * Spots in [0, 1] with unit cell size: each cell holds a spot with probability {@code density}, of
   * radius {@code radius * (0.6 + 0.8 u)} cells (u uniform per cell), profile (1 - (d / r)^2)^2. The
   * maximum over the 27 neighbouring cells, so radius must stay below 1.
   */
  static double spots(long seed, double x, double y, double z, double density, double radius) {
    if (density <= 0) {
      return 0;
    }
    int ix = (int) Math.floor(x);
    int iy = (int) Math.floor(y);
    int iz = (int) Math.floor(z);
    double best = 0;
    for (int dz = -1; dz <= 1; dz++) {
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          long h = cellHash(seed, ix + dx, iy + dy, iz + dz);
          if (unit(h) >= density) {
            continue;
          }
          long h1 = mix(h);
          long h2 = mix(h1);
          long h3 = mix(h2);
          long h4 = mix(h3);
          double px = ix + dx + unit(h1) - x;
          double py = iy + dy + unit(h2) - y;
          double pz = iz + dz + unit(h3) - z;
          double r = radius * (0.6 + 0.8 * unit(h4));
          double q = (px * px + py * py + pz * pz) / (r * r);
          if (q < 1) {
            double s = (1 - q) * (1 - q);
            if (s > best) {
              best = s;
            }
          }
        }
      }
    }
    return best;
  }

  private static double fade(double t) {
    return t * t * t * (t * (t * 6 - 15) + 10);
  }
}
