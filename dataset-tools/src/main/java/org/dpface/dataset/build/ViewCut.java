package org.dpface.dataset.build;

import org.dpface.core.image.GrayU16;
import org.dpface.dataset.register.LabTake;
import org.dpface.dataset.register.RegisteredView;
import org.dpface.dataset.sample.Sample;
import org.dpface.dataset.sample.SampleIds;
import org.dpface.dataset.sample.SampleMetadata;
import org.dpface.dataset.sample.SampleShape;

/**
 * The registered maps of one (take, camera) view cut to its crop once, and the one place a lamp step of
 * that view becomes a dataset {@link Sample}: the DP halves cut to the same crop, the maps copied per
 * sample, the build's sample id and the take's labels.
 */
final class ViewCut {
  private final RegisteredView view;
  private final SampleShape shape;
  private final float[] depth;
  private final float[] normal;
  private final byte[] mask;
  private final float[] k;
  private final float[] c2w;
  private final float[] dp;

  ViewCut(RegisteredView view) {
    this.view = view;
    this.shape = new SampleShape(view.crop().height(), view.crop().width(), 1);
    this.depth = view.croppedDepth();
    this.normal = view.croppedNormal();
    this.mask = view.croppedMask();
    this.k = view.croppedK();
    this.c2w = view.cameraToWorld();
    this.dp = view.dpCoeffs();
  }

  /** The sample of lamp step {@code step}, id {@code <session>-<take>-<camera>-<light>}. */
  Sample sample(LabTake take, String camId, LabTake.LightStep step, GrayU16 left, GrayU16 right) {
    return new Sample(shape, new SampleIds(DatasetBuilder.sampleId(take, camId, step.lightId()), take.subjectId(),
        take.sessionId(), camId), new SampleMetadata(take.expression(), take.position(), take.direction(), step.lightId()),
        view.cropImage(left), view.cropImage(right), depth.clone(), normal.clone(), mask.clone(), k.clone(), c2w.clone(),
        dp.clone());
  }
}
