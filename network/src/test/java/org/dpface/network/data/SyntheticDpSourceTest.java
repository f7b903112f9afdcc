package org.dpface.network.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.dpface.rigs.BundledRigs;
import org.dpface.rigs.CameraSpec;
import org.dpface.rigs.SplitAxis;
import org.junit.jupiter.api.Test;

class SyntheticDpSourceTest {
  private static CameraSpec camera() throws IOException {
    return BundledRigs.load("virtual-8cam").cameras().get(0);
  }

  @Test
  void deterministicPhysicalSamples() throws IOException {
    SyntheticDpSource a = new SyntheticDpSource(camera(), 32, 24, 3, 5, 850, 1100);
    SyntheticDpSource b = new SyntheticDpSource(camera(), 32, 24, 3, 5, 850, 1100);
    DpSample s = a.get(2);
    assertArrayEquals(s.left(), b.get(2).left());
    assertArrayEquals(s.depthMm(), b.get(2).depthMm());
    assertEquals(SplitAxis.VERTICAL, s.splitAxis());
    assertEquals(a.optics().coefficientA(), s.a());
    int valid = 0;
    for (int i = 0; i < s.pixels(); i++) {
      if (s.mask()[i] != 0) {
        valid++;
        assertTrue(s.depthMm()[i] > 700 && s.depthMm()[i] < 1300);
        float nx = s.normal()[3 * i];
        float ny = s.normal()[3 * i + 1];
        float nz = s.normal()[3 * i + 2];
        assertEquals(1, Math.sqrt(nx * nx + ny * ny + nz * nz), 1e-5);
        assertTrue(nz < 0, "normal faces the camera");
      } else {
        assertEquals(0f, s.depthMm()[i]);
      }
    }
    assertTrue(valid > s.pixels() / 3);
  }

  @Test
  void transposeAndCropKeepGeometry() throws IOException {
    DpSample s = new SyntheticDpSource(camera(), 20, 16, 1, 9, 850, 1100).get(0);
    DpSample t = s.splitAlongWidth();
    assertEquals(SplitAxis.HORIZONTAL, t.splitAxis());
    assertEquals(16, t.width());
    assertEquals(20, t.height());
    // pixel (u, v) = (3, 5) moves to (5, 3); normals swap x and y; intrinsics swap
    int src = 5 * 20 + 3;
    int dst = 3 * 16 + 5;
    assertEquals(s.left()[src], t.left()[dst]);
    assertEquals(s.normal()[3 * src], t.normal()[3 * dst + 1]);
    assertEquals(s.intrinsics()[3], t.intrinsics()[2]);
    DpSample back = t.transposed();
    assertArrayEquals(s.normal(), back.normal());
    assertArrayEquals(s.intrinsics(), back.intrinsics());
    DpSample c = s.crop(4, 2, 8, 6);
    assertEquals(s.depthMm()[(2 + 1) * 20 + 4 + 3], c.depthMm()[8 + 3]);
    assertEquals(s.intrinsics()[2] - 4, c.intrinsics()[2]);
    assertEquals(s.intrinsics()[3] - 2, c.intrinsics()[3]);
  }
}
