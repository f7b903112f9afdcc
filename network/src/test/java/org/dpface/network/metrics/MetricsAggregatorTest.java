package org.dpface.network.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertIterableEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsAggregatorTest {
  @Test
  void overallAndGroupMeans() {
    MetricsAggregator agg = new MetricsAggregator();
    agg.add(Map.of("subject", "sub-0002", "expression", "neutral"), Map.of("rmse", 2.0, "absRel", 0.1));
    agg.add(Map.of("subject", "sub-0001", "expression", "neutral"), Map.of("rmse", 4.0, "absRel", 0.3));
    agg.add(Map.of("subject", "sub-0001", "expression", "yawning"),
        Map.of("rmse", 9.0, "absRel", Double.NaN));
    assertEquals(3, agg.sampleCount());
    assertEquals(5.0, agg.overall().get("rmse"), 1e-12);
    assertEquals(0.2, agg.overall().get("absRel"), 1e-12); // the NaN is skipped
    var bySubject = agg.byGroup().get("subject");
    assertIterableEquals(List.of("sub-0001", "sub-0002"), bySubject.keySet());
    assertEquals(6.5, bySubject.get("sub-0001").get("rmse"), 1e-12);
    assertEquals(0.3, bySubject.get("sub-0001").get("absRel"), 1e-12);
    assertEquals(2.0, bySubject.get("sub-0002").get("rmse"), 1e-12);
    assertEquals(3.0, agg.byGroup().get("expression").get("neutral").get("rmse"), 1e-12);
    assertEquals(2, agg.groupCounts().get("expression").get("neutral"));
    assertEquals(1, agg.groupCounts().get("expression").get("yawning"));
  }
}
