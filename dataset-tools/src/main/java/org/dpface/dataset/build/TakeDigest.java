package org.dpface.dataset.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.dpface.capture.storage.RawLayout;
import org.dpface.dataset.register.LabTake;
import org.dpface.dataset.register.RegistrationConfig;
import org.dpface.dataset.store.DatasetFiles;

/**
 * SHA-256 of everything a take's samples are made from, so an incremental build can tell an unchanged
 * take from a changed one: {@code take.json}, the DP frames of its lamp steps ({@code _L}/{@code _R} PNG
 * bytes), the reconstructed mesh (or its absence), every camera's model, pose and DP coefficients as
 * registration uses them (so a new calibration changes the digest of the takes it affects), and the
 * registration/QC settings (except the thread count). The code version is not part of it: after a change
 * to registration or QC code, rebuild with {@code --full}.
 */
final class TakeDigest {
  private TakeDigest() {}

  static String of(LabTake take, Path meshFile, CameraSources sources, RegistrationConfig cfg) throws IOException {
    MessageDigest md = sha256();
    line(md, "config " + cfg.toString().replaceAll("threads=\\d+, ", ""));
    line(md, "take.json " + DatasetFiles.sha256(take.dir().resolve(RawLayout.takeSidecar())));
    line(md, "mesh " + (Files.isRegularFile(meshFile) ? DatasetFiles.sha256(meshFile) : "none"));
    for (String cam : take.cameraIds()) {
      line(md, "camera " + sources.camera(cam));
      for (LabTake.LightStep s : take.lightSteps()) {
        line(md, "frame " + cam + " " + s.step() + " " + s.lightId() + " " + DatasetFiles.sha256(take.leftPng(cam, s.step())) + " "
            + DatasetFiles.sha256(take.rightPng(cam, s.step())));
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static void line(MessageDigest md, String text) {
    md.update((text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
