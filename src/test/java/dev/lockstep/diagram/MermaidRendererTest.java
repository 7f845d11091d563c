package dev.lockstep.diagram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.survey.Survey;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MermaidRendererTest {
  @TempDir Path dir;

  private final MermaidRenderer mermaid = new MermaidRenderer();

  private String render(Fixture f, String focus) {
    Survey s = f.survey();
    return mermaid.render(s.graph(), s, Optional.ofNullable(focus).map(ArtifactId::of));
  }

  @Test
  void drawsTheWholeGraphAsTheSeedDocDoes() {
    String expected =
        """
        flowchart LR
            subgraph app_repo["app@GitHub"]
                app_src["app source"]
                app_chart_src["app-chart<br>chart source chart/"]
            end
            subgraph platform_repo["platform@gitlab.example.com"]
                platform_src["platform source"]
                setup["setup<br>file setup.sh"]
                hook["hook<br>hook hook.yaml"]
            end
            subgraph absent_repo["absent@git"]
                absent_src["absent source"]
                absent_doc["absent-doc<br>file"]
            end
            app_image["app-image<br>image ghcr.io/example/app"]
            app_chart["app-chart<br>published chart ghcr.io/example/app-chart"]
            base_image["base-image<br>image gcr.io/distroless/static<br>external, pinned 1.0.0"]
            old_tool["old-tool<br>image quay.io/example/old<br>external, pinned 2.0.0<br>disabled: retired"]:::disabled
            app_image --> app_src
            app_image --> base_image
            app_chart --> app_chart_src
            app_chart_src -.->|"0.2.0"| app_image
            setup -.->|"0.2.0"| app_chart
            setup -.->|"v0.2.0"| app_src
            setup -.->|"disabled"| old_tool
            hook -.->|"placeholder 0.0.0"| app_chart
            hook -.->|"local"| app_image
            absent_doc -.->|"not checked out"| app_chart
            classDef disabled fill:#f4f4f4,stroke:#999999,color:#888888,stroke-dasharray: 5 5
        """;
    assertEquals(expected, render(Fixture.in(dir), null));
  }

  @Test
  void aSubgraphPerRepoInDeclarationOrder() {
    String out = render(Fixture.in(dir), null);
    int app = out.indexOf("subgraph app_repo[\"app@GitHub\"]\n");
    int platform = out.indexOf("subgraph platform_repo[\"platform@gitlab.example.com\"]\n");
    int absent = out.indexOf("subgraph absent_repo[\"absent@git\"]\n");
    assertTrue(app > 0 && platform > app && absent > platform, out);
    assertEquals(3, out.lines().filter(l -> l.strip().equals("end")).count());
    assertTrue(out.startsWith("flowchart LR\n"));
  }

  @Test
  void buildEdgesAreSolidAndPublishedArtifactsStandOutside() {
    String out = render(Fixture.in(dir), null);
    assertTrue(out.contains("    app_image --> app_src\n"), out);
    assertTrue(out.contains("    app_image --> base_image\n"), out);
    assertTrue(out.contains("    app_chart --> app_chart_src\n"), out);
    // published image and chart are drawn at top level, the chart source inside its repo
    assertTrue(out.contains("\n    app_image[\"app-image"), out);
    assertTrue(out.contains("\n    app_chart[\"app-chart"), out);
    assertTrue(out.contains("\n        app_chart_src[\"app-chart"), out);
  }

  @Test
  void referenceLabelIsTheVersionWrittenInTheFile() {
    Fixture f = Fixture.in(dir);
    assertTrue(render(f, null).contains("app_chart_src -.->|\"0.2.0\"| app_image"));
    f.write("app/chart/values.yaml", Fixture.values("0.3.1"));
    String after = render(f, null);
    assertTrue(after.contains("app_chart_src -.->|\"0.3.1\"| app_image"), after);
    assertFalse(after.contains("|\"0.2.0\"| app_image"), after);
  }

  @Test
  void distinctValuesOfOneReferenceAreJoined() {
    String graph =
        """
        lockstep: 1
        repos:
          lib: { path: lib }
        artifacts:
          lib-image: { kind: image, repo: lib, name: ghcr.io/example/lib }
          notes:
            kind: file
            repo: lib
            uses:
              - to: lib-image
                at:
                  - { file: notes.md, regex: 'uses (?<version>[0-9.]+)', all: true }
                  - { file: pins.json, json: /lib }
        """;
    Fixture f = Fixture.in(dir);
    f.write("lib/notes.md", "uses 1.0.0\nthen uses 1.1.0\nand uses 1.0.0 again\n");
    f.write("lib/pins.json", "{ \"lib\": \"1.1.0\" }\n");
    ReleaseGraph g = GraphLoader.parse(dir.resolve("g.yaml"), graph);
    Survey s = Survey.of(g);
    String out = mermaid.render(g, s, Optional.empty());
    assertTrue(out.contains("notes -.->|\"1.0.0, 1.1.0\"| lib_image"), out);
    assertFalse(out.contains("classDef"), "no disabled artifact, no class: " + out);
  }

  @Test
  void valuesWrittenAsWholeReferencesShowWhatFollowsTheName() {
    String graph =
        """
        lockstep: 1
        repos:
          ops: { path: ops }
        artifacts:
          helm-image: { kind: image, name: quay.io/example/helm, tag: "v{version}", external: { version: 3.14.0 } }
          app-image: { kind: image, name: ghcr.io/example/app, external: { version: 1.2.3 } }
          deploy:
            kind: file
            repo: ops
            uses:
              - to: helm-image
                at: [ { file: deploy.yaml, yaml: .helm, format: "quay.io/example/helm:v{version}" } ]
              - to: app-image
                at: [ { file: deploy.yaml, yaml: .app, format: "ghcr.io/example/app:{version}@{digest}" } ]
              - to: helm-image
                at: [ { file: deploy.yaml, yaml: .url, format: "https://get.example.com/helm/v{version}/install.sh" } ]
              - to: app-image
                at: [ { file: deploy.yaml, yaml: .broken, format: "ghcr.io/example/app:{version}" } ]
        """;
    Fixture f = Fixture.in(dir);
    f.write(
        "ops/deploy.yaml",
        "helm: quay.io/example/helm:v3.14.0\n"
            + "app: ghcr.io/example/app:1.2.3@sha256:"
            + "0123456789abcdef".repeat(4)
            + "\n"
            + "url: https://get.example.com/helm/v3.14.0/install.sh\n"
            + "broken: ghcr.io/example/app:latest\n");
    ReleaseGraph g = GraphLoader.parse(dir.resolve("g.yaml"), graph);
    String out = mermaid.render(g, Survey.of(g), Optional.empty());
    assertTrue(
        out.contains(
            "deploy -.->|\"v3.14.0 (x2)\"| helm_image\n"
                + "    deploy -.->|\"1.2.3@sha256:0123456789ab\"| app_image\n"),
        out);
    assertTrue(
        out.contains("deploy -.->|\"ghcr.io/example/app:latest\"| app_image"),
        "unparsed values stay whole: " + out);
  }

  @Test
  void placeholderLocalAndUnreadLabels() {
    String out = render(Fixture.in(dir), null);
    assertTrue(out.contains("hook -.->|\"placeholder 0.0.0\"| app_chart"), out);
    assertTrue(out.contains("hook -.->|\"local\"| app_image"), out);
    assertTrue(
        out.contains("absent_doc -.->|\"not checked out\"| app_chart"),
        "repo not checked out: " + out);
    assertTrue(out.contains("setup -.->|\"disabled\"| old_tool"), "target disabled: " + out);
  }

  @Test
  void referenceToARepoEndsAtItsSource() {
    assertTrue(render(Fixture.in(dir), null).contains("setup -.->|\"v0.2.0\"| app_src"));
  }

  @Test
  void disabledArtifactsGetTheDisabledClass() {
    String out = render(Fixture.in(dir), null);
    assertTrue(out.contains("\"]:::disabled\n"), out);
    assertTrue(out.lines().anyMatch(l -> l.strip().startsWith("classDef disabled ")), out);
    assertEquals(1, out.lines().filter(l -> l.contains(":::disabled")).count());
  }

  @Test
  void focusOnARepoKeepsItsNodesWhatTheyNameAndWhatNamesThem() {
    String out = render(Fixture.in(dir), "platform");
    for (String kept :
        new String[] {
          "platform_src[",
          "setup[",
          "hook[",
          "app_chart[",
          "app_src[",
          "app_image[",
          "old_tool[",
          "setup -.->|\"0.2.0\"| app_chart",
          "hook -.->|\"local\"| app_image"
        }) {
      assertTrue(out.contains(kept), kept + " in\n" + out);
    }
    for (String dropped :
        new String[] {"base_image", "absent", "app_chart_src", "app_image --> app_src"}) {
      assertFalse(out.contains(dropped), dropped + " in\n" + out);
    }
    // the app repo is drawn only with the node platform points at
    assertTrue(
        out.contains(
            "subgraph app_repo[\"app@GitHub\"]\n        app_src[\"app source\"]\n    end\n"),
        out);
  }

  @Test
  void focusKeepsWhatReferencesTheRepo() {
    String out = render(Fixture.in(dir), "app");
    assertTrue(out.contains("absent_doc -.->|\"not checked out\"| app_chart"), out);
    assertTrue(out.contains("app_image --> base_image"), out);
    assertTrue(out.contains("setup -.->|\"v0.2.0\"| app_src"), out);
    assertFalse(out.contains("old_tool"), out);
    assertFalse(out.contains("platform_src"), out);
    assertFalse(out.contains("absent_src"), out);
  }

  @Test
  void focusOnAnUnknownRepoSuggestsTheClosest() {
    BadInputException e =
        assertThrows(BadInputException.class, () -> render(Fixture.in(dir), "platfrom"));
    assertTrue(
        e.getMessage().contains("unknown repo 'platfrom'; did you mean 'platform'?"),
        e.getMessage());
    BadInputException notRepo =
        assertThrows(BadInputException.class, () -> render(Fixture.in(dir), "setup"));
    assertTrue(
        notRepo.getMessage().contains("'setup' is file, not a repo; focus on its repo 'platform'"),
        notRepo.getMessage());
  }

  @Test
  void sameInputSameOutput() {
    Fixture f = Fixture.in(dir);
    assertEquals(render(f, null), render(f, null));
  }

  @Test
  void idsAreSanitizedAndLabelsEscaped() {
    String graph =
        """
        lockstep: 1
        repos:
          my.repo: { path: r, url: "git@github.com:example/my.repo.git" }
        artifacts:
          end: { kind: image, repo: my.repo, name: ghcr.io/example/end }
          my-repo-src:
            kind: file
            repo: my.repo
            path: 'docs/"quoted" <b>#1|x|.md'
            uses: [ { to: end, unversioned: "local" } ]
        """;
    ReleaseGraph g = GraphLoader.parse(dir.resolve("g.yaml"), graph);
    String out = mermaid.render(g, Survey.of(g), Optional.empty());
    assertTrue(out.contains("subgraph my_repo_repo[\"my.repo@GitHub\"]"), out);
    assertTrue(out.contains("my_repo_src[\"my.repo source\"]"), out);
    assertTrue(
        out.contains("n_end[\"end<br>image ghcr.io/example/end\"]"),
        "'end' closes a subgraph: " + out);
    assertTrue(
        out.contains(
            "my_repo_src_2[\"my-repo-src<br>file docs/#quot;quoted#quot; #lt;b#gt;#35;1#124;x#124;.md\"]"),
        out);
    assertTrue(out.contains("my_repo_src_2 -.->|\"local\"| n_end"), out);
    for (String line : out.lines().toList()) {
      String id = line.strip().split("[\\[ ]", 2)[0];
      if (!line.strip().startsWith("subgraph")
          && !line.strip().equals("end")
          && !id.equals("flowchart")
          && !id.equals("classDef")) {
        assertTrue(id.matches("[A-Za-z_][A-Za-z0-9_]*"), id);
      }
    }
  }

  @Test
  void escapeAndHost() {
    assertEquals(
        "#quot;a#quot; #lt;b#gt; #35;1 #124; #96; x", MermaidRenderer.escape("\"a\" <b> #1 | ` x"));
    assertEquals("a_b_c", Ids.sanitize("a-b.c"));
    assertEquals("n_1x", Ids.sanitize("1x"));
    assertEquals("n_graph", Ids.sanitize("graph"));
    assertEquals("GitHub", Ids.host(Optional.of("https://github.com/kubestellar/kubestellar")));
    assertEquals("GitHub", Ids.host(Optional.of("git@github.com:kubestellar/kubestellar.git")));
    assertEquals("GitLab", Ids.host(Optional.of("https://gitlab.com/a/b")));
    assertEquals(
        "git.example.org", Ids.host(Optional.of("ssh://git@git.example.org:2222/a/b.git")));
    assertEquals("git", Ids.host(Optional.empty()));
    assertEquals("git", Ids.host(Optional.of("../local/path")));
  }

  @Test
  void theRepoLevelDrawsOneArrowPerPairOfRepos_labelledWithItsReferences() {
    Fixture f = Fixture.in(dir);
    ReleaseGraph g = f.survey().graph();
    String out = mermaid.renderRepos(g);
    assertTrue(out.startsWith("flowchart LR\n"), out);
    assertTrue(out.contains("platform -->|\"4 references\"| app\n"), out);
    assertTrue(out.contains("absent -->|\"1 reference\"| app\n"), out);
    assertEquals(2, out.lines().filter(l -> l.contains("-->")).count(), out);
    String md = MermaidRenderer.fenced(out);
    assertTrue(md.startsWith("```mermaid\nflowchart LR\n") && md.endsWith("```\n"), md);
  }
}
