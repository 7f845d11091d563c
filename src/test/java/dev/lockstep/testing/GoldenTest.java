package dev.lockstep.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The golden-file helper: what it normalizes, and what a mismatch tells. */
class GoldenTest {

  @Test
  void normalizerReplacesFoldersInEveryFormAndTimings(@TempDir Path tmp) throws Exception {
    Path ws = Files.createDirectories(tmp.resolve("ws"));
    Golden.Normalizer n = new Golden.Normalizer().folder(tmp, "<tmp>").folder(ws, "<ws>");
    String text =
        ws.resolve("a/b.yaml")
            + ":3:1: error\n"
            + "origin "
            + ws.toUri()
            + "remote.git\n"
            + tmp.resolve("graph.yaml")
            + "\n"
            + "2 errors; 45 files scanned in 132 ms\n"
            + "{ \"millis\" : 87, \"elapsedMillis\": 1200, \"count\": 3 }\n";
    assertEquals(
        "<ws>/a/b.yaml:3:1: error\n"
            + "origin <ws>/remote.git\n"
            + "<tmp>/graph.yaml\n"
            + "2 errors; 45 files scanned in <ms> ms\n"
            + "{ \"millis\" : 0, \"elapsedMillis\": 0, \"count\": 3 }\n",
        n.apply(text));
  }

  @Test
  void encodingMakesCarriageReturnsAndAMissingFinalNewlineVisible() {
    assertEquals("a␍\nb\n" + Golden.NO_NEWLINE + "\n", Golden.encode("a\r\nb"));
    assertEquals("a\n", Golden.encode("a\n"));
  }

  @Test
  void aMismatchFailsWithAUnifiedDiff() throws Exception {
    Assumptions.assumeFalse(Golden.updating(), "golden files are being rewritten");
    Path file = Golden.file("GoldenTest", "three-lines");
    assertTrue(Files.exists(file), file + " is part of the test resources");
    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class,
            () -> Golden.assertMatches("GoldenTest", "three-lines", "one\nTWO\nthree\n"));
    assertTrue(
        e.getMessage().contains("-two\n+TWO\n"),
        () -> "no diff in the message:\n" + e.getMessage());
    assertTrue(e.getMessage().contains("golden.update=true"), e.getMessage());
    Golden.assertMatches("GoldenTest", "three-lines", "one\ntwo\nthree\n");
  }

  @Test
  void aMissingGoldenFileSaysHowToWriteIt() {
    Assumptions.assumeFalse(Golden.updating(), "golden files are being rewritten");
    AssertionFailedError e =
        assertThrows(
            AssertionFailedError.class,
            () -> Golden.assertMatches("GoldenTest", "no-such-file", "text\n"));
    assertTrue(e.getMessage().contains("-Dgolden.update=true"), e.getMessage());
  }
}
