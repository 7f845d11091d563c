package dev.lockstep.locate;

import static dev.lockstep.locate.Places.assertSpan;
import static dev.lockstep.locate.Places.locate;
import static dev.lockstep.locate.Places.only;
import static dev.lockstep.locate.Places.startOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON pointer locators over real files: a string's span is inside its quotes. */
class JsonLocateTest {
  @TempDir Path repo;

  private static final String PINS =
      """
      {
        "cert_manager": { "version": "v1.14.4", "chart": "cert-manager" },
        "charts": [
          { "name": "kargo", "version": "0.3.0" },
          { "name": "ocm", "version": "0.2.0" }
        ],
        "charts/kargo": "1.1.1",
        "a~b": "2.2.2",
        "replicas": 12,
        "replicasText": "12"
      }
      """;

  @Test
  void nestedObject() throws Exception {
    Place s =
        only(
            locate(
                repo,
                "default_versions.json",
                PINS,
                "{ file: default_versions.json, json: /cert_manager/version }"));
    assertSpan(s, PINS, startOf(PINS, "\"v1.14.4\"", "v1.14.4"), "v1.14.4");
    assertEquals(Place.Style.JSON_STRING, s.style());
    assertEquals('"', PINS.charAt(s.start() - 1));
    assertEquals('"', PINS.charAt(s.end()));
  }

  @Test
  void arrayIndex() throws Exception {
    Place first =
        only(locate(repo, "pins.json", PINS, "{ file: pins.json, json: /charts/0/version }"));
    assertSpan(first, PINS, startOf(PINS, "\"0.3.0\"", "0.3.0"), "0.3.0");
    Place second =
        only(locate(repo, "pins.json", PINS, "{ file: pins.json, json: /charts/1/version }"));
    assertSpan(second, PINS, startOf(PINS, "\"0.2.0\"", "0.2.0"), "0.2.0");
  }

  @Test
  void escapedSlashAndTilde() throws Exception {
    Place slash =
        only(locate(repo, "pins.json", PINS, "{ file: pins.json, json: /charts~1kargo }"));
    assertSpan(slash, PINS, startOf(PINS, "\"1.1.1\"", "1.1.1"), "1.1.1");
    Place tilde = only(locate(repo, "pins.json", PINS, "{ file: pins.json, json: /a~0b }"));
    assertSpan(tilde, PINS, startOf(PINS, "\"2.2.2\"", "2.2.2"), "2.2.2");
  }

  @Test
  void numberVersusString() throws Exception {
    Place number = only(locate(repo, "pins.json", PINS, "{ file: pins.json, json: /replicas }"));
    assertSpan(number, PINS, startOf(PINS, "\"replicas\": 12", "12"), "12");
    assertEquals(Place.Style.JSON_NUMBER, number.style());
    Place string =
        only(locate(repo, "pins.json", PINS, "{ file: pins.json, json: /replicasText }"));
    assertSpan(string, PINS, startOf(PINS, "\"12\"", "12"), "12");
    assertEquals(Place.Style.JSON_STRING, string.style());
  }

  @Test
  void pointerToAnObjectIsANoteNotASite() throws Exception {
    Locate.Found found =
        locate(repo, "pins.json", PINS, "{ file: pins.json, json: /cert_manager }");
    assertEquals(List.of(), found.places());
    assertEquals(1, found.notes().size(), found::toString);
    assertTrue(found.notes().get(0).contains("object"), found.notes()::toString);
  }

  @Test
  void pointerToAnArrayIsANoteNotASite() throws Exception {
    Locate.Found found = locate(repo, "pins.json", PINS, "{ file: pins.json, json: /charts }");
    assertEquals(List.of(), found.places());
    assertEquals(1, found.notes().size(), found::toString);
    assertTrue(found.notes().get(0).contains("array"), found.notes()::toString);
  }

  @Test
  void missingMemberFindsNothing() throws Exception {
    Locate.Found found =
        locate(repo, "pins.json", PINS, "{ file: pins.json, json: /charts/7/version }");
    assertEquals(List.of(), found.places());
  }

  @Test
  void nonAsciiAndEmojiBeforeTheValue() throws Exception {
    String text = "{\"note\": \"Größe 🚀🚀\", \"icon\": \"🚀\", \"version\": \"1.2.3\"}\n";
    Place s = only(locate(repo, "v.json", text, "{ file: v.json, json: /version }"));
    assertSpan(s, text, startOf(text, "\"1.2.3\"", "1.2.3"), "1.2.3");
  }

  @Test
  void crlfFile() throws Exception {
    String text = "{\r\n  \"a\": 1,\r\n  \"version\": \"1.2.3\"\r\n}\r\n";
    Place s = only(locate(repo, "v.json", text, "{ file: v.json, json: /version }"));
    assertSpan(s, text, startOf(text, "\"1.2.3\"", "1.2.3"), "1.2.3");
  }

  @Test
  void malformedJsonIsUnparsable() {
    LocateException e =
        assertThrows(
            LocateException.class,
            () ->
                locate(repo, "bad.json", "{\n  \"a\": [1, 2\n}\n", "{ file: bad.json, json: /a }"));
    assertEquals(LocateException.Reason.UNPARSABLE, e.reason());
    assertTrue(e.getMessage().startsWith("bad.json:"), e.getMessage());
  }
}
