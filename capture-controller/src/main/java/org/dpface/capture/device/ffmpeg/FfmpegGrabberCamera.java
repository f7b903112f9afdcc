package org.dpface.capture.device.ffmpeg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.dpface.capture.device.DeviceException;
import org.dpface.capture.device.DeviceHealth;
import org.dpface.capture.device.DeviceStatus;
import org.dpface.capture.device.PreviewCamera;
import org.dpface.core.image.GrayU16;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PreviewCamera} reading any source FFmpeg opens through JavaCV's {@link FFmpegFrameGrabber}: a
 * V4L2/UVC device ({@code /dev/video0} with format {@code video4linux2}), a video file or a network URL.
 * Used for live preview and alignment; not a DP camera (see {@link PreviewCamera}).
 *
 * <p>Every frame is converted by FFmpeg's swscale to 16-bit little-endian gray ({@code AV_PIX_FMT_GRAY16LE})
 * and copied into the caller's {@link GrayU16}. Sources that are 16-bit gray (FFV1 or raw {@code gray16le}
 * files, some machine-vision cameras) pass through unchanged, so levels are exact. 8-bit sources (the usual
 * UVC YUYV/MJPEG) arrive as swscale's expansion of their 8-bit luma, which is display-referred (gamma,
 * often limited range): fine for preview, not linear radiometry.
 *
 * <p>FFmpeg's native log is routed to SLF4J (logger {@code org.dpface.capture.device.ffmpeg.FFmpeg}) and its
 * level set to warnings, process-wide, on first use of this class. Not thread-safe: one preview loop per
 * camera.
 */
public final class FfmpegGrabberCamera implements PreviewCamera {
  private static final Logger LOG = LoggerFactory.getLogger(FfmpegGrabberCamera.class);

  static {
    FfmpegLogs.routeToSlf4j();
  }

  private final String id;
  private final String source;
  private final Clock clock;
  private final FFmpegFrameGrabber grabber;
  private final String version;
  private final DeviceHealth health;
  private long frames;
  private long lastTimestamp = -1;
  private boolean ended;

  private FfmpegGrabberCamera(Builder b) throws DeviceException {
    this.id = b.id;
    this.source = b.source;
    this.clock = b.clock;
    this.health = new DeviceHealth(id, "camera");
    FFmpegFrameGrabber g = new FFmpegFrameGrabber(source);
    if (b.format != null) {
      g.setFormat(b.format);
    }
    if (b.width > 0) {
      g.setImageWidth(b.width);
      g.setImageHeight(b.height);
    }
    if (b.frameRate > 0) {
      g.setFrameRate(b.frameRate);
    }
    if (b.timeout != null) {
      g.setTimeout((int) Math.min(Integer.MAX_VALUE, b.timeout.toNanos() / 1000));
    }
    g.setPixelFormat(avutil.AV_PIX_FMT_GRAY16LE);
    b.options.forEach(g::setOption);
    try {
      g.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      release(g);
      throw new DeviceException(id + ": cannot open " + source + ": " + e.getMessage(), e);
    }
    this.grabber = g;
    this.version = "ffmpeg " + avutil.av_version_info().getString() + ", " + g.getFormat() + "/"
        + g.getVideoCodecName();
    health.seen(clock.instant());
    LOG.info("{}: opened {} ({}, {}x{} @ {} fps)", id, source, version, g.getImageWidth(), g.getImageHeight(),
        g.getFrameRate());
  }

  /** Starts a builder; required: id, source. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  /** Frame width reported by the source (0 if it does not say before the first frame). */
  public int width() {
    return grabber.getImageWidth();
  }

  /** Frame height reported by the source. */
  public int height() {
    return grabber.getImageHeight();
  }

  /** Frame rate reported by the source, frames per second. */
  public double frameRate() {
    return grabber.getFrameRate();
  }

  @Override
  public boolean grab(GrayU16 output) throws DeviceException {
    health.checkOpen();
    if (ended) {
      return false;
    }
    Frame f;
    try {
      f = grabber.grabImage();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      throw health.fail(id + ": reading " + source + " failed: " + e.getMessage(), e);
    }
    if (f == null || f.image == null) {
      ended = true;
      return false;
    }
    copyGray16(f, output);
    frames++;
    lastTimestamp = f.timestamp;
    health.seen(clock.instant());
    health.clearProblem();
    return true;
  }

  /**
   * Copies a GRAY16LE frame, honouring its row stride, into {@code output}. JavaCV hands a pixel format it
   * has no depth for as raw bytes: GRAY16LE then comes as 8-bit, 2 "channels" (the two bytes of a sample)
   * with the stride in bytes; a 16-bit, 1-channel frame has its stride in samples.
   */
  private void copyGray16(Frame f, GrayU16 output) throws DeviceException {
    int w = f.imageWidth;
    int h = f.imageHeight;
    ShortBuffer src;
    int stride;
    boolean bytes16 = Math.abs(f.imageDepth) == 8 && f.imageChannels == 2 && f.image[0] instanceof ByteBuffer;
    boolean shorts = Math.abs(f.imageDepth) == 16 && f.imageChannels == 1;
    if (bytes16) {
      src = ((ByteBuffer) f.image[0]).duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
      stride = f.imageStride / 2;
    } else if (shorts && f.image[0] instanceof ShortBuffer sb) {
      src = sb.duplicate();
      stride = f.imageStride;
    } else if (shorts && f.image[0] instanceof ByteBuffer bb) {
      src = bb.duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
      stride = f.imageStride;
    } else {
      throw health.fail(id + ": expected 16-bit gray frames from swscale, got depth " + f.imageDepth + " x "
          + f.imageChannels + " channels in a " + f.image[0].getClass().getSimpleName());
    }
    output.reshape(w, h);
    for (int y = 0; y < h; y++) {
      src.position(y * stride);
      src.get(output.data, output.startIndex() + y * output.stride(), w);
    }
  }

  @Override
  public long lastTimestampMicros() {
    return lastTimestamp;
  }

  @Override
  public long framesGrabbed() {
    return frames;
  }

  @Override
  public DeviceStatus status() {
    List<String> problems = health.problems(null);
    if (ended) {
      problems.add("end of stream after " + frames + " frames");
    }
    return new DeviceStatus(id, !health.closed() && !ended, version, health.lastSeen(), problems);
  }

  @Override
  public void close() {
    if (health.closed()) {
      return;
    }
    health.close();
    release(grabber);
  }

  private void release(FFmpegFrameGrabber g) {
    try {
      g.close();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      LOG.warn("{}: closing {}: {}", id, source, e.toString());
    }
  }

  /**
   * Configures an {@link FfmpegGrabberCamera}. Only id and source are required; the rest are FFmpeg input
   * options, left to FFmpeg's defaults when not set.
   */
  public static final class Builder {
    private String id;
    private String source;
    private String format;
    private int width;
    private int height;
    private double frameRate;
    private Duration timeout;
    private Clock clock = Clock.systemUTC();
    private final Map<String, String> options = new LinkedHashMap<>();

    private Builder() {}

    /** The rig's id for this camera, e.g. {@code preview0}. */
    public Builder setId(String id) {
      this.id = id;
      return this;
    }

    /** What FFmpeg opens: {@code /dev/video0}, a file path, or a URL. */
    public Builder setSource(String source) {
      this.source = source;
      return this;
    }

    /** FFmpeg input format, e.g. {@code video4linux2} for a V4L2 device; probed from the source if unset. */
    public Builder optFormat(String format) {
      this.format = format;
      return this;
    }

    /** Requested capture size (devices); files keep their own size. */
    public Builder optSize(int width, int height) {
      this.width = width;
      this.height = height;
      return this;
    }

    /** Requested frame rate (devices). */
    public Builder optFrameRate(double frameRate) {
      this.frameRate = frameRate;
      return this;
    }

    /** How long FFmpeg may block on open or read (network sources and stalled devices). */
    public Builder optTimeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Any other FFmpeg input option, e.g. {@code input_format=mjpeg} for a UVC camera. */
    public Builder optOption(String key, String value) {
      options.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
      return this;
    }

    /** Host clock for the status's last-seen time. */
    public Builder optClock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Opens the source.
     *
     * @throws DeviceException naming the source if FFmpeg cannot open it
     */
    public FfmpegGrabberCamera build() throws DeviceException {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(clock, "clock");
      if (width < 0 || height < 0 || (width == 0) != (height == 0)) {
        throw new IllegalArgumentException(id + ": size must be both positive, got " + width + "x" + height);
      }
      if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
        throw new IllegalArgumentException(id + ": timeout must be > 0, got " + timeout);
      }
      return new FfmpegGrabberCamera(this);
    }
  }
}
