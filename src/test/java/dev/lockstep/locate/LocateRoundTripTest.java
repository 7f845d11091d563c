package dev.lockstep.locate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.model.Locator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every registered locator format writes what it reads: find a value, encode a new one into the
 * found span, and find the new value at the same place; the characters outside the span stay as
 * they were.
 */
class LocateRoundTripTest {

  /** A file, a place in it, the value there, and a new value to write. */
  private record Sample(String file, String text, String place, String before, String after) {}

  /** At least one sample per format key; each style of a format that quotes differently. */
  private static final Map<String, List<Sample>> SAMPLES =
      Map.of(
          "yaml",
          List.of(
              new Sample(
                  "values.yaml",
                  "image:\n  tag: 0.2.0 # pinned\n",
                  "{ file: values.yaml, yaml: .image.tag }",
                  "0.2.0",
                  "0.3.0-rc.1"),
              new Sample(
                  "values.yaml",
                  "image:\n  tag: 'v0.2.0'\n",
                  "{ file: values.yaml, yaml: .image.tag }",
                  "v0.2.0",
                  "it's 0.3.0"),
              new Sample(
                  "values.yaml",
                  "---\nkind: A\n---\nkind: Job\nversion: \"0.2.0\"\n",
                  "{ file: values.yaml, yaml: .version, document: kind=Job }",
                  "0.2.0",
                  "say \"0.3.0\"")),
          "json",
          List.of(
              new Sample(
                  "pins.json",
                  "{ \"a\": { \"version\": \"v1.14.4\" }, \"b\": 1 }\n",
                  "{ file: pins.json, json: /a/version }",
                  "v1.14.4",
                  "v1.15.0 \"quoted\""),
              new Sample(
                  "pins.json",
                  "{ \"replicas\": 12 }",
                  "{ file: pins.json, json: /replicas }",
                  "12",
                  "13")),
          "regex",
          List.of(
              new Sample(
                  "scripts/check.sh",
                  "#!/bin/sh\nVERSION=\"0.2.0\"\necho done\n",
                  "{ file: scripts/check.sh, regex: '^VERSION=\"(?<version>[^\"]+)\"' }",
                  "0.2.0",
                  "0.3.0")));

  @Test
  void everyRegisteredFormatHasASample() {
    assertEquals(new TreeSet<>(LocatorFormats.keys()), new TreeSet<>(SAMPLES.keySet()));
  }

  @Test
  void everyFormatFindsEncodesAndFindsAgain() throws Exception {
    for (LocatorFormat<?> format : LocatorFormats.all()) {
      for (Sample s : SAMPLES.get(format.key())) {
        Locator locator = Places.locator(s.place());
        TextFile file = TextFile.of(s.file(), Path.of("/nonexistent", s.file()), s.text());
        Place before = Places.only(new Locate().locateIn(file, locator));
        assertSame(format, before.format(), "the place records the format that found it");
        assertEquals(s.before(), before.value());

        String encoded = before.encode(s.after());
        String text =
            s.text().substring(0, before.start()) + encoded + s.text().substring(before.end());
        TextFile rewritten = TextFile.of(s.file(), file.absolute(), text);
        Place after = Places.only(new Locate().locateIn(rewritten, locator));

        assertEquals(s.after(), after.value(), format.key() + ": " + s.place() + " in\n" + text);
        assertSame(format, after.format());
        assertEquals(before.start(), after.start(), "the value starts where it did");
        assertEquals(s.text().substring(0, before.start()), text.substring(0, after.start()));
        assertEquals(s.text().substring(before.end()), text.substring(after.end()));
      }
    }
  }

  @Test
  void aFormatRefusesWhatItCannotWriteBack() throws Exception {
    TextFile yaml = TextFile.of("v.yaml", Path.of("/nonexistent/v.yaml"), "tag: 0.2.0\n");
    Place plain =
        Places.only(new Locate().locateIn(yaml, Places.locator("{ file: v.yaml, yaml: .tag }")));
    EncodeException e = assertThrows(EncodeException.class, () -> plain.encode("1.10"));
    assertTrue(e.getMessage().startsWith("v.yaml:1:6: '1.10' would not read back"), e::getMessage);

    TextFile json = TextFile.of("p.json", Path.of("/nonexistent/p.json"), "{\"n\": 12}");
    Place number =
        Places.only(new Locate().locateIn(json, Places.locator("{ file: p.json, json: /n }")));
    assertThrows(EncodeException.class, () -> number.encode("v13"));

    TextFile sh = TextFile.of("a.sh", Path.of("/nonexistent/a.sh"), "V=1\n");
    Place group =
        Places.only(
            new Locate()
                .locateIn(sh, Places.locator("{ file: a.sh, regex: '^V=(?<version>.*)$' }")));
    assertThrows(EncodeException.class, () -> group.encode("1\n2"));
  }
}
