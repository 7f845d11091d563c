package dev.lockstep.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.lockstep.cli.Main;
import dev.lockstep.survey.Rule;
import dev.lockstep.testing.KubestellarWorkspace;
import dev.lockstep.testing.KubestellarWorkspace.Fault;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What GitHub reads: SARIF that passes the SARIF 2.1.0 schema and carries the fields code scanning
 * requires (rule descriptions, help, a base for relative paths, fingerprints), also on bad input;
 * annotations on exit 2; a job summary with every finding.
 *
 * <p>{@code src/test/resources/sarif-schema-2.1.0.json} is {@code sarif-2.1.0.json} of the npm
 * package {@code @microsoft/sarif-multitool-linux} 5.7.0 (MIT licence), unchanged.
 */
class GithubOutputTest {
  @TempDir static Path tmp;
  private static Path graph;
  private static Schema schema;
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void workspace() throws Exception {
    graph = KubestellarWorkspace.create(tmp);
    KubestellarWorkspace.plant(graph, Fault.DISAGREEMENT);
    KubestellarWorkspace.plant(graph, Fault.SELF_REFERENCE_STALE);
    KubestellarWorkspace.plant(graph, Fault.UNDECLARED_CHART);
    try (InputStream in = GithubOutputTest.class.getResourceAsStream("/sarif-schema-2.1.0.json")) {
      schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
              .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void theSchemaRefusesWhatIsNotSarif() {
    assertFalse(schema.validate("{\"version\": \"9\", \"runs\": 1}", InputFormat.JSON).isEmpty());
  }

  private static void assertValidSarif(String sarif) {
    List<Error> errors = schema.validate(sarif, InputFormat.JSON);
    assertTrue(errors.isEmpty(), errors + "\n" + sarif);
  }

  /** The fields GitHub code scanning requires or uses, beyond the schema. */
  private static void assertGithubFields(JsonNode root) {
    JsonNode run = root.get("runs").get(0);
    JsonNode driver = run.get("tool").get("driver");
    assertFalse(driver.get("name").asText().isEmpty());
    Set<String> ids = new HashSet<>();
    for (JsonNode rule : driver.get("rules")) {
      String id = rule.get("id").asText();
      ids.add(id);
      for (String field : List.of("shortDescription", "fullDescription")) {
        assertFalse(rule.get(field).get("text").asText().isBlank(), id + " " + field);
      }
      assertFalse(rule.get("help").get("text").asText().isBlank(), id);
      assertTrue(rule.get("help").get("markdown").asText().contains("**" + id + "**"), id);
      assertEquals(RuleHelp.DOCS + "#" + id, rule.get("helpUri").asText());
    }
    assertEquals(Rule.values().length, ids.size());
    assertTrue(run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText().endsWith("/"));
    for (JsonNode result : run.get("results")) {
      assertTrue(ids.contains(result.get("ruleId").asText()));
      assertFalse(result.get("message").get("text").asText().isBlank());
      JsonNode phys = result.get("locations").get(0).get("physicalLocation");
      JsonNode artifact = phys.get("artifactLocation");
      assertFalse(artifact.get("uri").asText().isBlank());
      if (artifact.has("uriBaseId")) {
        assertEquals("%SRCROOT%", artifact.get("uriBaseId").asText());
        assertFalse(artifact.get("uri").asText().startsWith("/"));
      }
      assertTrue(phys.get("region").get("startLine").asInt() >= 1);
      assertFalse(result.get("partialFingerprints").get("lockstepPlace/v1").asText().isBlank());
    }
  }

  @Test
  void sarifPassesTheSchemaAndCarriesWhatGithubRequires() throws Exception {
    Run r = run("verify", "--graph", graph.toString(), "--format", "sarif");
    assertEquals(1, r.exit(), r.err());
    assertValidSarif(r.out());
    JsonNode root = JSON.readTree(r.out());
    assertGithubFields(root);
    JsonNode results = root.get("runs").get(0).get("results");
    assertTrue(results.size() >= 3, results.toString());
    Set<String> fingerprints = new HashSet<>();
    results.forEach(x -> fingerprints.add(x.get("partialFingerprints").toString()));
    assertEquals(results.size(), fingerprints.size(), "fingerprints are distinct");
  }

  @Test
  void badInputIsAResult_inSarif_andAnAnnotation_onExit2() throws Exception {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(
        bad,
        "lockstep: 1\nrepos:\n  app: { pth: app }\nartifacts:\n"
            + "  img: { kind: image, repo: app, name: ghcr.io/example/app }\n");
    Run sarif = run("verify", "--graph", bad.toString(), "--format", "sarif");
    assertEquals(2, sarif.exit(), sarif.err());
    assertValidSarif(sarif.out());
    JsonNode root = JSON.readTree(sarif.out());
    assertGithubFields(root);
    JsonNode result = root.get("runs").get(0).get("results").get(0);
    assertEquals("graph.invalid", result.get("ruleId").asText());
    assertEquals(
        3,
        result
            .get("locations")
            .get(0)
            .get("physicalLocation")
            .get("region")
            .get("startLine")
            .asInt());
    assertTrue(sarif.err().contains("unknown key 'pth'"), sarif.err());

    Run github = run("verify", "--graph", bad.toString(), "--format", "github");
    assertEquals(2, github.exit());
    assertTrue(
        github.out().lines().anyMatch(l -> l.startsWith("::error file=") && l.contains("pth")),
        github.out());
  }

  @Test
  void theJobSummaryListsEveryFinding() throws Exception {
    Path summary = tmp.resolve("summary.md");
    Run r =
        run(
            "verify",
            "--graph",
            graph.toString(),
            "--format",
            "github",
            "--step-summary",
            summary.toString());
    assertEquals(1, r.exit(), r.err());
    long annotations = r.out().lines().filter(l -> l.startsWith("::")).count();
    String md = Files.readString(summary);
    long rows =
        md.lines()
            .filter(
                l -> l.startsWith("| ") && !l.startsWith("| severity") && !l.startsWith("| ---"))
            .count();
    assertEquals(annotations, rows, md);
    assertTrue(md.contains("[`disagreement`](" + RuleHelp.DOCS + "#disagreement)"), md);
  }

  @Test
  void everyRuleIsDocumented_asRuleHelpSays() throws Exception {
    Path docs =
        Path.of(System.getProperty("basedir", "."))
            .resolve("docs/verify-rules.md")
            .toAbsolutePath();
    Map<String, String> rows = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("(?m)^\\| <a id=\"([^\"]+)\"></a>`([^`]+)` \\| (\\w+) \\| (.*) \\|$")
            .matcher(Files.readString(docs));
    while (m.find()) {
      assertEquals(m.group(1), m.group(2), "anchor of " + m.group(2));
      rows.put(m.group(2), m.group(4));
    }
    List<String> missing = new ArrayList<>();
    for (Rule rule : Rule.values()) {
      if (!rows.containsKey(rule.code())) {
        missing.add(rule.code());
      } else {
        assertEquals(rows.get(rule.code()), RuleHelp.firesWhen(rule), rule.code());
      }
    }
    assertTrue(missing.isEmpty(), "not in docs/verify-rules.md: " + missing);
  }
}
