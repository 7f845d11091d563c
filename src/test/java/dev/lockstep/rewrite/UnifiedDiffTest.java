package dev.lockstep.rewrite;

import static dev.lockstep.rewrite.Workspace.visible;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The diff --dry-run prints is the one {@code git diff} prints for the same change (without the
 * {@code diff --git}/{@code index} header and the function context after {@code @@}), so that
 * {@code git apply} and {@code patch} accept it.
 */
class UnifiedDiffTest {

  private static void assertDiff(TestInfo test, String expected, String actual) {
    assertEquals(visible(expected), visible(actual));
    Golden.assertMatches(test, actual);
  }

  @Test
  void sameTextHasNoDiff() {
    assertEquals("", UnifiedDiff.of("a.yaml", "tag: 0.2.0\n", "tag: 0.2.0\n"));
  }

  @Test
  void changeInTheMiddle(TestInfo test) {
    String before = "a\nb\nc\nd\ntag: 0.2.0\ne\nf\ng\nh\n";
    assertDiff(
        test,
        """
        --- a/dir/values.yaml
        +++ b/dir/values.yaml
        @@ -2,7 +2,7 @@
         b
         c
         d
        -tag: 0.2.0
        +tag: 0.3.0
         e
         f
         g
        """,
        UnifiedDiff.of("dir/values.yaml", before, before.replace("0.2.0", "0.3.0")));
  }

  /** A final newline ends the last line; it is not one more, empty, line. */
  @Test
  void changeOnTheLastLine(TestInfo test) {
    assertDiff(
        test,
        """
        --- a/v.yaml
        +++ b/v.yaml
        @@ -1,2 +1,2 @@
         image: app
        -tag: 0.2.0
        +tag: 0.3.0
        """,
        UnifiedDiff.of("v.yaml", "image: app\ntag: 0.2.0\n", "image: app\ntag: 0.3.0\n"));
  }

  @Test
  void missingFinalNewlineIsMarked(TestInfo test) {
    assertDiff(
        test,
        """
        --- a/v.yaml
        +++ b/v.yaml
        @@ -1,2 +1,2 @@
         image: app
        -tag: 0.2.0
        \\ No newline at end of file
        +tag: 0.3.0
        \\ No newline at end of file
        """,
        UnifiedDiff.of("v.yaml", "image: app\ntag: 0.2.0", "image: app\ntag: 0.3.0"));
  }

  /** CRLF files: each line keeps its CR, as git shows it. */
  @Test
  void crlfLinesKeepTheirCarriageReturn(TestInfo test) {
    assertDiff(
        test,
        "--- a/v.yaml\n+++ b/v.yaml\n@@ -1,2 +1,2 @@\n image: app\r\n-tag: 0.2.0\r\n+tag: 0.3.0\r\n",
        UnifiedDiff.of("v.yaml", "image: app\r\ntag: 0.2.0\r\n", "image: app\r\ntag: 0.3.0\r\n"));
  }
}
