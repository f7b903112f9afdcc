package org.dpface.reconstruction.pipeline;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.dpface.core.camera.CameraModel;
import org.dpface.core.geom.RigidTransform;
import org.dpface.core.image.ImageBase;
import org.dpface.reconstruction.struct.SequenceDescription;

/**
 * One structured-light take: the cameras (model and pose), the projectors (sequence, and model and pose
 * when calibrated) and where each camera's frames for each projector come from. World frame, mm.
 *
 * @param cameras the cameras, in a fixed order (results follow it)
 * @param projectors the projectors, in a fixed order
 * @param frames supplies the frames of (camera index, projector index), read when that view is decoded
 */
public record TakeInput(List<Camera> cameras, List<Projector> projectors, FrameSource frames) {

  /**
   * A camera.
   *
   * @param id name used in reports and file names
   * @param model intrinsics and distortion
   * @param worldToCamera pose (world to the camera's OpenCV frame)
   */
  public record Camera(String id, CameraModel model, RigidTransform worldToCamera) {
    public Camera {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(worldToCamera, "worldToCamera");
    }
  }

  /**
   * A projector.
   *
   * @param id name used in reports and file names
   * @param model the projector as an inverse camera, or null when it is not calibrated (then only camera
   *     pairs triangulate through its codes)
   * @param worldToProjector pose, or null when not calibrated
   * @param sequence what its frames mean (the same order the cameras' frames follow)
   */
  public record Projector(String id, CameraModel model, RigidTransform worldToProjector,
      SequenceDescription sequence) {
    public Projector {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(sequence, "sequence");
      if ((model == null) != (worldToProjector == null)) {
        throw new IllegalArgumentException("projector " + id + ": give both model and pose, or neither");
      }
      if (model != null && (model.width() != sequence.projectorWidth()
          || model.height() != sequence.projectorHeight())) {
        throw new IllegalArgumentException("projector " + id + ": model is " + model.width() + "x"
            + model.height() + ", the sequence addresses " + sequence.projectorWidth() + "x"
            + sequence.projectorHeight());
      }
    }

    /** Whether model and pose are known. */
    public boolean calibrated() {
      return model != null;
    }
  }

  /**
   * Supplies the structured-light frames (GrayU8 or GrayU16, in the projector's sequence order) that one
   * camera recorded while one projector ran its sequence. Called once per (camera, projector), from the
   * reconstructing thread; the list may be reused by the source after the call that follows.
   */
  @FunctionalInterface
  public interface FrameSource {
    List<? extends ImageBase> frames(int camera, int projector);

    /**
     * The full-scale value of that camera's frames: the largest value its sensor delivers in the frames'
     * units (4095 for a 12-bit sensor stored unshifted in 16-bit frames), which the decoder's shadow and
     * saturation thresholds are fractions of; 0 (the default) for the sample type's nominal 255 / 65535.
     * Sources that know the depth (file metadata, the take's sidecar) override it, so callers never rescale
     * the decoder's thresholds by hand.
     */
    default int fullScale(int camera, int projector) {
      return 0;
    }
  }

  public TakeInput {
    cameras = List.copyOf(cameras);
    projectors = List.copyOf(projectors);
    Objects.requireNonNull(frames, "frames");
    if (cameras.isEmpty() || projectors.isEmpty()) {
      throw new IllegalArgumentException("a take needs at least one camera and one projector");
    }
    Set<String> ids = new HashSet<>();
    for (Camera c : cameras) {
      if (!ids.add(c.id())) {
        throw new IllegalArgumentException("duplicate camera id " + c.id());
      }
    }
    for (Projector p : projectors) {
      if (!ids.add(p.id())) {
        throw new IllegalArgumentException("duplicate device id " + p.id());
      }
    }
  }
}
