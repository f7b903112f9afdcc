package org.dpface.cli.reconstruct;

import static org.bytedeco.opencv.global.opencv_core.CV_16U;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_ANYDEPTH;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bytedeco.opencv.opencv_core.Mat;
import org.dpface.calibration.io.CalibrationFile;
import org.dpface.calibration.io.DeviceCalibration;
import org.dpface.calibration.io.ExternalCalibration;
import org.dpface.calibration.opencv.OpenCvImages;
import org.dpface.core.image.GrayU16;
import org.dpface.core.image.GrayU8;
import org.dpface.core.image.ImageBase;
import org.dpface.core.io.PngImages;
import org.dpface.reconstruction.codec.SequenceFiles;
import org.dpface.reconstruction.codec.Sequences;
import org.dpface.reconstruction.pipeline.TakeInput;
import org.dpface.reconstruction.struct.SequenceDescription;

/**
 * A structured-light capture made by another system: per camera, the frames one projector's sequence
 * produced, in sequence order.
 *
 * <p>Layout of the images folder, either
 *
 * <ul>
 *   <li>one sub-folder per camera ({@code DIR/cam0/}, {@code DIR/cam1/}; the folder name is the camera id),
 *       each holding the frames; or
 *   <li>the frames side by side, grouped by file-name prefix: {@code cam0_000.png}, {@code cam0_001.png},
 *       {@code cam1_000.png}... (the id is the prefix without trailing {@code _ - .}; frames named only by
 *       a number form one camera {@code cam0}).
 * </ul>
 *
 * Frames are ordered by the last number in their name (then by name), cameras by id; camera i of an
 * OpenCV calibration file is the i-th camera in that order. Each camera must have exactly one frame per
 * sequence entry, all the same size and bit depth. Image files: PNG (8- or 16-bit gray, read by dpface),
 * and anything else OpenCV's {@code imread} reads (TIFF, BMP, JPEG; colour is converted to gray), 8 or 16
 * bits.
 *
 * @param dir the images folder
 * @param cameraIds camera ids, in order
 * @param frameFiles per camera, its frames in sequence order
 * @param sequence what the frames show
 * @param widths per camera, frame width (px)
 * @param heights per camera, frame height (px)
 * @param bitDepth 8 or 16, the file sample depth of every frame
 */
public record ExternalCapture(Path dir, List<String> cameraIds, List<List<Path>> frameFiles,
    SequenceDescription sequence, int[] widths, int[] heights, int bitDepth) {
  /** The projector's id in the reconstruction (reports, picture names). */
  public static final String PROJECTOR_ID = "proj0";
  /** {@code --sequence} value for OpenCV GrayCodePattern's order: {@code opencv-graycode:WIDTHxHEIGHT}. */
  public static final String OPENCV_GRAYCODE = "opencv-graycode:";

  private static final Pattern NUMBERED = Pattern.compile("^(.*?)(\\d+)\\.([A-Za-z0-9]+)$");
  private static final List<String> EXTENSIONS =
      List.of("png", "tif", "tiff", "bmp", "jpg", "jpeg", "pgm", "ppm", "jp2", "webp", "exr", "hdr");

  public ExternalCapture {
    cameraIds = List.copyOf(cameraIds);
    frameFiles = frameFiles.stream().map(List::copyOf).toList();
    widths = widths.clone();
    heights = heights.clone();
  }

  /**
   * The sequence {@code spec} names: {@code opencv-graycode:WxH} (OpenCV GrayCodePattern's order for a W x H
   * projector; {@code ×} also accepted) or a dpface sequence file ({@code dpface-sl-sequence} JSON).
   */
  public static SequenceDescription sequence(String spec) throws IOException {
    if (spec.startsWith(OPENCV_GRAYCODE)) {
      String[] wh = spec.substring(OPENCV_GRAYCODE.length()).split("[x×X]");
      try {
        if (wh.length == 2) {
          return Sequences.openCvGrayCode(Integer.parseInt(wh[0].strip()), Integer.parseInt(wh[1].strip()));
        }
      } catch (IllegalArgumentException e) {
        throw new IOException("--sequence " + spec + ": " + e.getMessage(), e);
      }
      throw new IOException("--sequence " + spec + ": expected " + OPENCV_GRAYCODE + "WIDTHxHEIGHT, e.g. "
          + OPENCV_GRAYCODE + "1024x768");
    }
    Path f = Path.of(spec);
    if (!Files.isRegularFile(f)) {
      throw new IOException("--sequence " + spec + ": no such file (give a dpface-sl-sequence JSON or "
          + OPENCV_GRAYCODE + "WxH)");
    }
    return SequenceFiles.read(f);
  }

  /**
   * Scans {@code dir} (see the class comment) for frames of {@code sequence}.
   *
   * @throws IOException naming the folder or file when the layout, a frame count, size or depth is wrong
   */
  public static ExternalCapture read(Path dir, SequenceDescription sequence) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + ": no such images folder");
    }
    Map<String, List<Path>> cams = new TreeMap<>();
    List<Path> subdirs = list(dir).stream().filter(Files::isDirectory).toList();
    for (Path sub : subdirs) {
      List<Path> frames = list(sub).stream().filter(ExternalCapture::isImage).toList();
      if (!frames.isEmpty()) {
        cams.put(sub.getFileName().toString(), frames);
      }
    }
    if (cams.isEmpty()) {
      Map<String, List<Path>> byPrefix = new LinkedHashMap<>();
      for (Path f : list(dir)) {
        if (!isImage(f)) {
          continue;
        }
        Matcher m = NUMBERED.matcher(f.getFileName().toString());
        if (!m.matches()) {
          throw new IOException(f + ": a frame's name must end in its number (e.g. cam0_007.png)");
        }
        String id = m.group(1).replaceAll("[_.\\-]+$", "");
        byPrefix.computeIfAbsent(id.isEmpty() ? "cam0" : id, k -> new ArrayList<>()).add(f);
      }
      cams.putAll(byPrefix);
    }
    if (cams.isEmpty()) {
      throw new IOException(dir + ": no frames (expected a folder per camera, or files like cam0_000.png)");
    }
    List<String> ids = new ArrayList<>();
    List<List<Path>> files = new ArrayList<>();
    int[] w = new int[cams.size()];
    int[] h = new int[cams.size()];
    int depth = 0;
    for (Map.Entry<String, List<Path>> e : cams.entrySet()) {
      List<Path> frames = new ArrayList<>(e.getValue());
      frames.sort(Comparator.comparingLong(ExternalCapture::frameNumber).thenComparing(p -> p.getFileName().toString()));
      if (frames.size() != sequence.size()) {
        throw new IOException(dir + ": camera " + e.getKey() + " has " + frames.size() + " frames, the sequence has "
            + sequence.size());
      }
      ImageBase first = readFrame(frames.get(0), null);
      int d = first instanceof GrayU8 ? 8 : 16;
      if (depth != 0 && d != depth) {
        throw new IOException(frames.get(0) + ": " + d + "-bit, other cameras' frames are " + depth + "-bit");
      }
      depth = d;
      w[ids.size()] = first.width();
      h[ids.size()] = first.height();
      ids.add(e.getKey());
      files.add(frames);
    }
    return new ExternalCapture(dir, ids, files, sequence, w, h, depth);
  }

  /**
   * The take input with a dpface calibration: cameras by id; the projector is the file's first projector
   * device, or uncalibrated when it has none.
   */
  public TakeInput input(CalibrationFile cal) {
    List<TakeInput.Camera> cams = new ArrayList<>();
    for (String id : cameraIds) {
      DeviceCalibration d = cal.device(id);
      if (d.kind() != DeviceCalibration.Kind.CAMERA) {
        throw new IllegalArgumentException("device " + id + " of the calibration is a " + d.kind().fileName());
      }
      cams.add(new TakeInput.Camera(id, d.model(), d.rigToDevice()));
    }
    DeviceCalibration p = cal.devices().stream().filter(x -> x.kind() == DeviceCalibration.Kind.PROJECTOR)
        .findFirst().orElse(null);
    TakeInput.Projector proj = p == null ? new TakeInput.Projector(PROJECTOR_ID, null, null, sequence)
        : new TakeInput.Projector(PROJECTOR_ID, p.model(), p.rigToDevice(), sequence);
    return checked(new TakeInput(cams, List.of(proj), frames()));
  }

  /**
   * The take input with an OpenCV calibration read for this capture's camera count: camera i of the file is
   * {@code cameraIds().get(i)} at its frames' size, the projector at the sequence's size.
   */
  public TakeInput input(ExternalCalibration cal) {
    if (cal.cameras().size() != cameraIds.size()) {
      throw new IllegalArgumentException(cal.file() + " calibrates " + cal.cameras().size() + " camera(s), " + dir
          + " holds " + cameraIds.size());
    }
    List<TakeInput.Camera> cams = new ArrayList<>();
    for (int i = 0; i < cameraIds.size(); i++) {
      ExternalCalibration.Device d = cal.cameras().get(i);
      cams.add(new TakeInput.Camera(cameraIds.get(i), d.model(widths[i], heights[i]), d.worldToDevice()));
    }
    ExternalCalibration.Device p = cal.projector();
    TakeInput.Projector proj = p == null ? new TakeInput.Projector(PROJECTOR_ID, null, null, sequence)
        : new TakeInput.Projector(PROJECTOR_ID, p.model(sequence.projectorWidth(), sequence.projectorHeight()),
            p.worldToDevice(), sequence);
    return checked(new TakeInput(cams, List.of(proj), frames()));
  }

  private static TakeInput checked(TakeInput in) {
    boolean projector = in.projectors().get(0).calibrated();
    if (!projector && in.cameras().size() < 2) {
      throw new IllegalArgumentException("one camera with an uncalibrated projector cannot triangulate: calibrate the"
          + " projector or give at least two calibrated cameras");
    }
    return in;
  }

  /**
   * A frame source reading each camera's frames from disk when its view is decoded (one reused buffer list).
   */
  public TakeInput.FrameSource frames() {
    List<ImageBase> buf = new ArrayList<>();
    return (camera, projector) -> {
      List<Path> fs = frameFiles.get(camera);
      try {
        for (int k = 0; k < fs.size(); k++) {
          ImageBase img = readFrame(fs.get(k), k < buf.size() ? buf.get(k) : null);
          if (img.width() != widths[camera] || img.height() != heights[camera]) {
            throw new IOException(fs.get(k) + ": " + img.width() + "x" + img.height() + ", the camera's first frame is "
                + widths[camera] + "x" + heights[camera]);
          }
          if ((img instanceof GrayU8 ? 8 : 16) != bitDepth) {
            throw new IOException(fs.get(k) + ": not " + bitDepth + "-bit like the other frames");
          }
          if (k < buf.size()) {
            buf.set(k, img);
          } else {
            buf.add(img);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return buf;
    };
  }

  /**
   * Reads one frame as GrayU8 or GrayU16 (PNG frames are allocated; OpenCV's 16-bit frames reuse {@code
   * reuse} when it is a GrayU16).
   *
   * @throws IOException naming the file when it cannot be read or is not 8/16-bit
   */
  static ImageBase readFrame(Path f, ImageBase reuse) throws IOException {
    if (name(f).endsWith(".png")) {
      PngImages.Decoded d;
      try {
        d = PngImages.read(f);
      } catch (IOException e) {
        d = null; // colour with alpha, palette...: OpenCV below
      }
      if (d instanceof PngImages.Gray8 g) {
        return g.image();
      }
      if (d instanceof PngImages.Gray16 g) {
        return g.image();
      }
    }
    try (Mat m = imread(f.toString(), IMREAD_GRAYSCALE | IMREAD_ANYDEPTH)) {
      if (m == null || m.empty()) {
        throw new IOException(f + ": OpenCV cannot read this image");
      }
      if (m.depth() == CV_8U) {
        return OpenCvImages.toGrayU8(m);
      }
      if (m.depth() != CV_16U) {
        throw new IOException(f + ": only 8- and 16-bit frames are supported (OpenCV depth " + m.depth() + ")");
      }
      GrayU16 out = reuse instanceof GrayU16 g ? g : new GrayU16(1, 1);
      out.reshape(m.cols(), m.rows());
      try (Mat c = m.clone()) { // continuous rows
        ShortBuffer b = c.createBuffer();
        for (int y = 0; y < out.height(); y++) {
          b.position(y * m.cols());
          b.get(out.data, out.indexOf(0, y), m.cols());
        }
      }
      return out;
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  private static boolean isImage(Path f) {
    String n = name(f);
    int dot = n.lastIndexOf('.');
    return Files.isRegularFile(f) && dot > 0 && EXTENSIONS.contains(n.substring(dot + 1));
  }

  private static String name(Path f) {
    return f.getFileName().toString().toLowerCase(Locale.ROOT);
  }

  private static long frameNumber(Path f) {
    Matcher m = NUMBERED.matcher(f.getFileName().toString());
    return m.matches() ? Long.parseLong(m.group(2)) : Long.MAX_VALUE;
  }
}
