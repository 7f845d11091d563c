package dev.lockstep.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.lockstep.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tree the positions pass builds is the one Jackson's readTree builds from the same text. */
class SourceMapTreeTest {

  @org.junit.jupiter.api.Test
  void childQuotesKeysThatAreNotPlain() {
    assertEquals("repos", SourceMap.child("", "repos"));
    assertEquals("repos.a-b_C9", SourceMap.child("repos", "a-b_C9"));
    assertEquals("repos[\"my.repo\"]", SourceMap.child("repos", "my.repo"));
    assertEquals("[\"a b\"]", SourceMap.child("", "a b"));
    assertEquals("x[\"\"]", SourceMap.child("x", ""));
    assertEquals("x[\"é\"]", SourceMap.child("x", "é"));
    assertEquals("x[2]", SourceMap.index("x", 2));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "lockstep: 1\nrepos: { a: { path: x } }\nartifacts: {}\n",
        "a: 1\nb: 2147483648\nc: 99999999999999999999999\nd: -7\ne: 0x1F\nf: 0o17\n",
        "a: 1.5\nb: 1e3\nc: .inf\nd: -.inf\ne: .nan\nf: 3.14159265358979323846264338\n",
        "a: true\nb: false\nc: yes\nd: no\ne: ~\nf: null\ng:\nh: ''\ni: \"\"\n",
        "a: !!binary aGVsbG8=\nb: !!str 12\nc: !!int '7'\nd: !!float 1\n",
        "a: &x { k: v }\nb: *x\nc: [ *x, 2 ]\n",
        "a: 1\na: 2\nb: { c: 1, c: [ 1, 2 ] }\n",
        "- 1\n- [ a, { b: c } ]\n- ''\n",
        "just text\n",
        "a: 1\n---\nb: 2\n",
        "---\n",
        "a: |\n  block\n  text\nb: >-\n  folded\n  text\n",
        "\"quoted key\": 1\n? complex\n: 2\n",
        "a: 2001-12-14\nb: 1_000\nc: +12\nd: 012\n",
        "a: 1\nb: 12345678901234567890123456789012345678901234567890123456789012345678\n",
        "a: 1.2345678901234567890123456789012345678901234567890123456789012345678\n",
      })
  void sameTreeAsReadTree(String text) throws Exception {
    List<Problem> problems = new ArrayList<>();
    JsonNode ours;
    JsonNode theirs;
    String ourError = "";
    String theirError = "";
    try {
      ours = SourceMap.read(Path.of("g.yaml"), text, GraphLoader.factory(), problems).root();
    } catch (JsonProcessingException e) {
      ours = null;
      ourError = e.getMessage();
    }
    try {
      theirs = new YAMLMapper(GraphLoader.factory()).readTree(text);
    } catch (JsonProcessingException e) {
      theirs = null;
      theirError = e.getMessage();
    }
    assertEquals(theirError, ourError);
    if (theirs == null || theirs.isMissingNode()) {
      assertNull(ours);
    } else {
      assertEquals(theirs, ours);
      assertEquals(theirs.toString(), ours.toString());
    }
  }
}
