package org.dpface.network.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dpface.core.io.PngImages;
import org.dpface.network.data.DpSample;
import org.dpface.network.data.SyntheticDpSource;
import org.dpface.network.data.TinyDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatorTest {
  @TempDir
  Path dir;

  /** Predicts the ground truth itself: every error must be zero. */
  static final class Oracle implements DepthPredictor {
    @Override
    public String name() {
      return "oracle";
    }

    @Override
    public String kind() {
      return "baseline";
    }

    @Override
    public int stride() {
      return 4;
    }

    @Override
    public Prediction predict(DpSample s) {
      float[] d = new float[s.pixels()];
      for (int p = 0; p < d.length; p++) {
        d[p] = s.depthMm()[p] > 0 ? (float) s.disparityOf(s.depthMm()[p]) : 0;
      }
      return new Prediction(d, s.depthMm().clone(), s.normal().clone());
    }
  }

  @Test
  void oracleIsPerfectConstantIsNotAndFilesFollowTheContract() throws IOException {
    SyntheticDpSource src = TinyDatasets.source(6);
    ConstantDisparityPredictor constant = ConstantDisparityPredictor.meanOf(src);
    Validator.Report r = new Validator(2).run(List.of(new Oracle(), constant), src, "synthetic", "val", dir);
    Map<String, Double> oracle = r.model("oracle").metrics().overall();
    assertEquals(0, oracle.get("dispMae"), 1e-4);
    assertEquals(0, oracle.get("absRel"), 1e-6);
    assertEquals(1, oracle.get("delta1.01"), 0);
    assertEquals(0, oracle.get("normalMeanDeg"), 0.1);
    Map<String, Double> c = r.model("constant").metrics().overall();
    assertTrue(c.get("dispMae") > 0.05, "constant MAE " + c.get("dispMae"));
    assertTrue(c.get("absDiff") > 1, "constant AbsDiff " + c.get("absDiff"));

    JsonNode json = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
    assertEquals(Validator.FORMAT, json.path("format").asText());
    assertEquals(1, json.path("version").asInt());
    assertEquals(6, json.path("samples").asInt());
    JsonNode model = json.path("models").get(1);
    assertEquals("constant", model.path("name").asText());
    assertEquals(c.get("absRel"), model.path("overall").path("absRel").asDouble(), 1e-12);
    int bySubject = 0;
    for (JsonNode g : model.path("groups").path("subject")) {
      bySubject += g.path("samples").asInt();
    }
    assertEquals(6, bySubject);
    assertTrue(model.path("groups").has("distance"));
    String md = Files.readString(dir.resolve("metrics.md"));
    assertTrue(md.contains("| oracle |") && md.contains("| constant |") && md.contains("By subject"), md);
    assertTrue(Files.readString(dir.resolve("metrics.html")).startsWith("<div"));
    assertEquals(2, r.pictures().size());
    var info = PngImages.info(dir.resolve(r.pictures().get(0)));
    assertEquals(3, info.height() / (info.width() / 3) , "three rows of square tiles: truth + 2 models");
  }
}
