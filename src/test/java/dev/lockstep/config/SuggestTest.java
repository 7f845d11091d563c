package dev.lockstep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Did you mean" for misspelt keys and ids. */
class SuggestTest {
  private static final List<String> LOCATOR_KEYS =
      List.of("file", "yaml", "json", "regex", "chart", "document", "count", "all", "format");

  @Test
  void closeTyposAreSuggested() {
    assertEquals(
        Optional.of("version"),
        Suggest.closest("verison", List.of("version", "appVersion", "path")));
    assertEquals(
        Optional.of("publish"),
        Suggest.closest("pubish", List.of("path", "publish", "placeholder")));
    assertEquals(Optional.of("format"), Suggest.closest("formt", LOCATOR_KEYS));
    assertEquals(
        Optional.of("appVersion"), Suggest.closest("appversion", List.of("version", "appVersion")));
  }

  @Test
  void farWordsAreNot() {
    assertEquals(Optional.empty(), Suggest.closest("kubernetes", LOCATOR_KEYS));
    assertEquals(Optional.empty(), Suggest.closest("x", List.of()));
  }

  @Test
  void hintListsKnownNamesWhenNothingIsClose() {
    assertEquals("did you mean 'regex'?", Suggest.hint("regx", LOCATOR_KEYS));
    assertEquals(
        "known: a-chart, b-image", Suggest.hint("zzzzzzzzzz", List.of("b-image", "a-chart")));
    assertEquals("", Suggest.hint("zzzzzzzzzz", List.of()));
  }
}
