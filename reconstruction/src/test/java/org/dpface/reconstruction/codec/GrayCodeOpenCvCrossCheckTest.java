package org.dpface.reconstruction.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_structured_light;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_structured_light.GrayCodePattern;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.ImageBase;
import org.dpface.reconstruction.struct.DecodedMaps;
import org.dpface.reconstruction.struct.SequenceDescription;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cross-checks the codec against OpenCV's {@code cv::structured_light::GrayCodePattern} (bytedeco
 * opencv 4.13.0-1.5.13, which ships the structured_light module): (1) our generator in OpenCV's order
 * reproduces OpenCV's own pattern images pixel for pixel; (2) OpenCV's patterns rendered through the
 * synthetic camera, decoded by our decoder with {@link Sequences#openCvGrayCode}, agree with OpenCV's
 * {@code getProjPixel} on a grid of camera pixels. A required check: fails if the natives do not load.
 *
 * <p>Measured (seed 11, 320x240 camera, 200x160 projector, every 3rd pixel): OpenCV valid on 6518 grid
 * pixels outside the shadow/saturated regions; we decode all 6518, every one to the identical pixel.
 */
class GrayCodeOpenCvCrossCheckTest {
  static final int PROJ_W = 200;
  static final int PROJ_H = 160;
  /** Share of OpenCV-valid grid pixels (outside the shadow and saturated regions) we must also decode. */
  static final double MIN_JOINT = 0.98;
  /** Largest difference allowed on jointly valid pixels, projector px: both decide bits by pattern > inverse. */
  static final int MAX_DIFF = 0;

  @BeforeAll
  static void loadOpenCv() {
    try {
      Loader.load(opencv_structured_light.class);
    } catch (Throwable t) {
      throw new AssertionError("OpenCV structured_light natives (org.bytedeco:opencv, linux-x86_64) failed to load", t);
    }
  }

  private static List<GrayU8> openCvPatterns(GrayCodePattern gcp) {
    List<GrayU8> out = new ArrayList<>();
    try (MatVector pats = new MatVector(); Mat black = new Mat(); Mat white = new Mat()) {
      assertTrue(gcp.generate(pats));
      gcp.getImagesForShadowMasks(black, white);
      for (long i = 0; i < pats.size(); i++) {
        out.add(toGray(pats.get(i)));
      }
      out.add(toGray(white));
      out.add(toGray(black));
    }
    return out;
  }

  private static GrayU8 toGray(Mat m) {
    GrayU8 g = new GrayU8(m.cols(), m.rows());
    ByteBuffer buf = m.createBuffer();
    for (int y = 0; y < m.rows(); y++) {
      for (int x = 0; x < m.cols(); x++) {
        g.data[g.indexOf(x, y)] = buf.get((int) (y * m.step() + x));
      }
    }
    return g;
  }

  private static Mat toMat(GrayU8 g) {
    Mat m = new Mat(g.height(), g.width(), org.bytedeco.opencv.global.opencv_core.CV_8UC1);
    ByteBuffer buf = m.createBuffer();
    for (int y = 0; y < g.height(); y++) {
      for (int x = 0; x < g.width(); x++) {
        buf.put((int) (y * m.step() + x), g.data[g.indexOf(x, y)]);
      }
    }
    return m;
  }

  @Test
  void generatorReproducesOpenCvPatterns() {
    for (int[] size : new int[][] {{PROJ_W, PROJ_H}, {1024, 768}, {37, 5}}) {
      try (GrayCodePattern gcp = GrayCodePattern.create(size[0], size[1])) {
        SequenceDescription seq = Sequences.openCvGrayCode(size[0], size[1]);
        assertEquals(seq.size() - 2, gcp.getNumberOfPatternImages());
        List<GrayU8> cv = openCvPatterns(gcp);
        List<GrayU8> ours = new PatternGenerator(seq).renderAllU8();
        for (int f = 0; f < seq.size(); f++) {
          assertEquals(cv.get(f).width(), ours.get(f).width());
          assertEquals(cv.get(f).height(), ours.get(f).height());
          for (int y = 0; y < size[1]; y++) {
            for (int x = 0; x < size[0]; x++) {
              assertEquals(cv.get(f).get(x, y), ours.get(f).get(x, y),
                  size[0] + "x" + size[1] + " frame " + f + " pixel (" + x + ", " + y + ")");
            }
          }
        }
      }
    }
  }

  @Test
  void decoderAgreesWithGetProjPixel() {
    SequenceDescription seq = Sequences.openCvGrayCode(PROJ_W, PROJ_H);
    SyntheticCamera cam = new SyntheticCamera(320, 240, PROJ_W, PROJ_H);
    DecodedMaps out = new DecodedMaps();
    List<ImageBase> frames;
    try (GrayCodePattern gcp = GrayCodePattern.create(PROJ_W, PROJ_H)) {
      frames = cam.render(openCvPatterns(gcp), 8, 11);
      try (PatternDecoder dec = new PatternDecoder(seq, DecoderConfig.defaults(), 2)) {
        dec.decode(frames, out);
      }
      int joint = 0;
      int identical = 0;
      int cvValid = 0;
      try (MatVector captured = new MatVector(); Point p = new Point()) {
        for (ImageBase f : frames) {
          captured.push_back(toMat((GrayU8) f));
        }
        for (int y = 1; y < cam.camH; y += 3) {
          for (int x = 2; x < cam.camW; x += 3) {
            boolean cvError = gcp.getProjPixel(captured, x, y, p);
            if (cvError || cam.inShadow(x, y) || cam.inSaturated(x, y)) {
              continue; // OpenCV's getProjPixel has no shadow or saturation test of its own
            }
            cvValid++;
            if (out.mask.get(x, y) == 0) {
              continue;
            }
            joint++;
            int du = Math.abs((int) out.projU.get(x, y) - p.x());
            int dv = Math.abs((int) out.projV.get(x, y) - p.y());
            assertTrue(du <= MAX_DIFF && dv <= MAX_DIFF, "pixel (" + x + ", " + y + "): ours ("
                + out.projU.get(x, y) + ", " + out.projV.get(x, y) + "), OpenCV (" + p.x() + ", " + p.y() + ")");
            if (du == 0 && dv == 0) {
              identical++;
            }
          }
        }
      }
      assertTrue(joint >= MIN_JOINT * cvValid, "jointly valid " + joint + " of OpenCV-valid " + cvValid);
      assertEquals(joint, identical, "identical pixels");
    }
  }
}
