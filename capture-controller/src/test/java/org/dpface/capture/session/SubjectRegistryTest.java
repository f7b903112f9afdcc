package org.dpface.capture.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubjectRegistryTest {
  private static final LocalDate GIVEN = LocalDate.parse("2025-03-01");
  @TempDir Path lab;

  private static ConsentRecord consent(String... scopes) {
    return new ConsentRecord(List.of(scopes), "v2", GIVEN, Optional.of(LocalDate.parse("2026-03-01")));
  }

  @Test
  void idsAreSequentialPersistedAndNeverReusedAfterWithdrawal() throws Exception {
    SubjectRegistry reg = SubjectRegistry.open(lab);
    assertEquals("sub-0001", reg.add(consent("capture")).id());
    assertEquals("sub-0002", reg.add(consent("capture")).id());
    assertEquals("sub-0003", reg.add(consent("capture")).id());
    List<String> erased = new ArrayList<>();
    reg.withdraw("sub-0003", LocalDate.parse("2025-04-01"), id -> {
      erased.add(id);
      return "deleted 0 sessions [], 0 files";
    });
    assertEquals(List.of("sub-0003"), erased);

    SubjectRegistry reopened = SubjectRegistry.open(lab);
    assertEquals(3, reopened.list().size());
    assertEquals(LocalDate.parse("2025-04-01"), reopened.get("sub-0003").orElseThrow().withdrawn().orElseThrow());
    assertEquals("sub-0004", reopened.add(consent("capture")).id());
    String json = Files.readString(lab.resolve("subjects.json"));
    assertTrue(json.contains("\"format\" : \"dpface-subjects\""), json);
  }

  @Test
  void captureIsRefusedWithoutValidConsentInScope() throws Exception {
    SubjectRegistry reg = SubjectRegistry.open(lab);
    String datasetOnly = reg.add(consent("dataset")).id();
    String ok = reg.add(consent("capture", "dataset")).id();
    LocalDate day = LocalDate.parse("2025-06-01");

    assertEquals(ok, reg.requireConsent(ok, ConsentRecord.SCOPE_CAPTURE, day).id());
    ConsentException scope = assertThrows(ConsentException.class,
        () -> reg.requireConsent(datasetOnly, ConsentRecord.SCOPE_CAPTURE, day));
    assertEquals("sub-0001 cannot be captured on 2025-06-01: consent (form v2) does not cover scope "
        + "'capture', only [dataset]", scope.getMessage());
    ConsentException expired = assertThrows(ConsentException.class,
        () -> reg.requireConsent(ok, ConsentRecord.SCOPE_CAPTURE, LocalDate.parse("2026-03-02")));
    assertTrue(expired.getMessage().contains("sub-0002") && expired.getMessage().contains("expired on 2026-03-01"));
    ConsentException early = assertThrows(ConsentException.class,
        () -> reg.requireConsent(ok, ConsentRecord.SCOPE_CAPTURE, GIVEN.minusDays(1)));
    assertTrue(early.getMessage().contains("consent is dated 2025-03-01"), early.getMessage());
    ConsentException unknown = assertThrows(ConsentException.class,
        () -> reg.requireConsent("sub-0099", ConsentRecord.SCOPE_CAPTURE, day));
    assertTrue(unknown.getMessage().startsWith("sub-0099 cannot be captured: no such subject"));

    reg.withdraw(ok, day, id -> "nothing stored");
    ConsentException withdrawn = assertThrows(ConsentException.class,
        () -> reg.requireConsent(ok, ConsentRecord.SCOPE_CAPTURE, day));
    assertEquals("sub-0002 cannot be captured: withdrew consent on 2025-06-01", withdrawn.getMessage());
  }

  @Test
  void withdrawalLogsOneLineWithoutPersonalDataAndKeepsFirstDate() throws Exception {
    SubjectRegistry reg = SubjectRegistry.open(lab);
    String id = reg.add(consent("capture")).id();
    reg.withdraw(id, LocalDate.parse("2025-05-05"), s -> "deleted 1 sessions [" + s + "-ses-01], 9 files");
    // Repeating (e.g. after a crash between recording and erasing) erases again, keeps the date.
    reg.withdraw(id, LocalDate.parse("2025-05-07"), s -> "deleted 0 sessions [], 0 files");
    assertEquals(LocalDate.parse("2025-05-05"), reg.get(id).orElseThrow().withdrawn().orElseThrow());
    List<String> lines = Files.readAllLines(lab.resolve("deletion-log.jsonl"), StandardCharsets.UTF_8);
    assertEquals(2, lines.size());
    assertTrue(lines.get(0).startsWith("{\"format\":\"dpface-deletion-log\",\"version\":1,\"date\":\"2025-05-05\","
        + "\"subject\":\"sub-0001\""), lines.get(0));
    assertTrue(lines.get(0).contains("sub-0001-ses-01], 9 files"));
    assertFalse(reg.get(id).orElseThrow().active());
  }

  @Test
  void consentRecordRejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new ConsentRecord(List.of(), "v1", GIVEN, Optional.empty()));
    assertThrows(IllegalArgumentException.class, () -> new ConsentRecord(List.of(" "), "v1", GIVEN, Optional.empty()));
    assertThrows(IllegalArgumentException.class,
        () -> new ConsentRecord(List.of("capture"), "v1", GIVEN, Optional.of(GIVEN.minusDays(1))));
  }
}
