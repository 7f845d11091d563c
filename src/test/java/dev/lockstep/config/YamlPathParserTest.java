package dev.lockstep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.model.Query.YamlStep;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The YAML path syntax of locators. */
class YamlPathParserTest {
  private static YamlStep key(String k) {
    return new YamlStep.Key(k);
  }

  @Test
  void dotKeys() {
    assertEquals(List.of(key("image"), key("tag")), YamlPathParser.parse(".image.tag"));
    assertEquals(
        List.of(key("image"), key("tag")),
        YamlPathParser.parse("image.tag"),
        "the leading dot is optional");
    assertEquals(List.of(), YamlPathParser.parse("."));
  }

  @Test
  void indexes() {
    assertEquals(
        List.of(key("list"), new YamlStep.Index(2), key("x")), YamlPathParser.parse(".list[2].x"));
    assertEquals(List.of(new YamlStep.Index(0)), YamlPathParser.parse("[0]"));
    assertEquals(
        List.of(key("a"), new YamlStep.Index(0), new YamlStep.Index(1)),
        YamlPathParser.parse(".a[0][1]"));
    assertEquals(List.of(key("a"), new YamlStep.Index(3)), YamlPathParser.parse(".a.[3]"));
  }

  @Test
  void keyValueSelectors() {
    assertEquals(
        List.of(key("deps"), new YamlStep.Match("name", "ocm"), key("version")),
        YamlPathParser.parse(".deps[name=ocm].version"));
    assertEquals(
        List.of(key("deps"), new YamlStep.Match("name", "ocm addon")),
        YamlPathParser.parse(".deps[name=\"ocm addon\"]"));
    assertEquals(
        List.of(key("deps"), new YamlStep.Match("name", "a")),
        YamlPathParser.parse(".deps[ name = 'a' ]"));
  }

  @Test
  void quotedKeys() {
    assertEquals(
        List.of(key("charts"), key("kargo:kubevirt")),
        YamlPathParser.parse(".charts[\"kargo:kubevirt\"]"));
    assertEquals(List.of(key("a.b"), key("c")), YamlPathParser.parse("['a.b'].c"));
    assertEquals(List.of(key("say \"hi\"")), YamlPathParser.parse("[\"say \\\"hi\\\"\"]"));
    assertEquals(List.of(key("x[0]")), YamlPathParser.parse("['x[0]']"));
  }

  @Test
  void errorsSayWhere() {
    for (String bad : List.of("", ".a[", ".a[x]", ".a[-1]", ".a..b", "[\"open", ".a[0]x", ".a[0")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> YamlPathParser.parse(bad), bad);
      assertTrue(e.getMessage().length() > 0, bad);
      if (!bad.isEmpty()) {
        assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
      }
    }
  }
}
