package dev.lockstep.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.survey.Survey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotRendererTest {
  private static final String ID = "[A-Za-z_][A-Za-z0-9_]*";
  private static final String STRING = "\"(?:[^\"\\\\]|\\\\.)*\"";
  private static final Pattern NODE =
      Pattern.compile("(" + ID + ") \\[label=" + STRING + "(?:, [a-z]+=[a-z0-9]+)*\\];");
  private static final Pattern BUILD = Pattern.compile("(" + ID + ") -> (" + ID + ");");
  private static final Pattern REF =
      Pattern.compile("(" + ID + ") -> (" + ID + ") \\[style=dashed, label=(" + STRING + ")\\];");

  @TempDir Path dir;

  private String render(Fixture f, String focus) {
    Survey s = f.survey();
    return new DotRenderer().render(s.graph(), s, Optional.ofNullable(focus).map(ArtifactId::of));
  }

  /**
   * Checks the statements line by line, the way a reader of our own output can: braces balance,
   * every line is one known statement.
   */
  private static Parsed parse(String dot) {
    Parsed p = new Parsed();
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < dot.length(); i++) {
      char c = dot.charAt(i);
      if (inString && c == '\\') {
        i++;
      } else if (c == '"') {
        inString = !inString;
      } else if (!inString && c == '{') {
        depth++;
      } else if (!inString && c == '}') {
        depth--;
        assertTrue(depth >= 0, "unbalanced } at " + i);
      }
    }
    assertFalse(inString, "unterminated string");
    assertEquals(0, depth, "unbalanced braces");
    List<String> lines = dot.lines().map(String::strip).toList();
    assertEquals("digraph lockstep {", lines.get(0));
    assertEquals("}", lines.get(lines.size() - 1));
    for (String l : lines.subList(1, lines.size() - 1)) {
      Matcher m;
      if (l.equals("rankdir=LR;")
          || l.equals("node [shape=box];")
          || l.equals("}")
          || l.matches("label=" + STRING + ";")) {
        continue;
      } else if (l.matches("subgraph cluster_" + "[A-Za-z0-9_]+ \\{")) {
        p.clusters.add(l.substring("subgraph ".length(), l.length() - 2));
      } else if ((m = REF.matcher(l)).matches()) {
        p.refs.add(m.group(1) + " -> " + m.group(2) + " " + m.group(3));
      } else if ((m = BUILD.matcher(l)).matches()) {
        p.builds.add(m.group(1) + " -> " + m.group(2));
      } else if ((m = NODE.matcher(l)).matches()) {
        p.nodes.add(m.group(1));
      } else {
        throw new AssertionError("not a DOT statement we write: " + l);
      }
    }
    for (String e : p.builds) {
      for (String end : e.split(" -> ")) {
        assertTrue(p.nodes.contains(end), "edge end " + end + " is declared");
      }
    }
    return p;
  }

  private static final class Parsed {
    final List<String> clusters = new ArrayList<>();
    final List<String> nodes = new ArrayList<>();
    final List<String> builds = new ArrayList<>();
    final List<String> refs = new ArrayList<>();
  }

  @Test
  void wholeGraphParsesWithAClusterPerRepoAndDashedReferences() {
    String out = render(Fixture.in(dir), null);
    Parsed p = parse(out);
    assertEquals(List.of("cluster_app", "cluster_platform", "cluster_absent"), p.clusters);
    assertEquals(
        List.of("app_image -> app_src", "app_image -> base_image", "app_chart -> app_chart_src"),
        p.builds);
    assertEquals(
        List.of(
            "app_chart_src -> app_image \"0.2.0\"",
            "setup -> app_chart \"0.2.0\"",
            "setup -> app_src \"v0.2.0\"",
            "setup -> old_tool \"disabled\"",
            "hook -> app_chart \"placeholder 0.0.0\"",
            "hook -> app_image \"local\"",
            "absent_doc -> app_chart \"not checked out\""),
        p.refs);
    assertEquals(11, p.nodes.size());
    assertTrue(out.contains("  rankdir=LR;\n"));
    assertTrue(out.contains("    label=\"app@GitHub\";\n"), out);
    assertTrue(
        out.contains(
            "old_tool [label=\"old-tool\\nimage quay.io/example/old\\nexternal, pinned 2.0.0\\ndisabled: retired\", style=dashed"),
        out);
  }

  @Test
  void labelFollowsTheFile() {
    Fixture f = Fixture.in(dir);
    f.write("app/chart/values.yaml", Fixture.values("1.4.0-rc.1"));
    assertTrue(parse(render(f, null)).refs.contains("app_chart_src -> app_image \"1.4.0-rc.1\""));
  }

  @Test
  void focusKeepsOnlyWhatTouchesTheRepo() {
    Parsed p = parse(render(Fixture.in(dir), "platform"));
    assertEquals(List.of("cluster_app", "cluster_platform"), p.clusters);
    assertTrue(p.builds.isEmpty(), p.builds.toString());
    assertEquals(5, p.refs.size(), p.refs.toString());
    assertFalse(p.nodes.contains("base_image"));
    assertFalse(p.nodes.contains("absent_doc"));
  }

  @Test
  void quoteEscapesQuotesBackslashesAndJoinsLines() {
    assertEquals("\"a\\\"b\\\\c\\nd\"", DotRenderer.quote(List.of("a\"b\\c", "d")));
  }
}
