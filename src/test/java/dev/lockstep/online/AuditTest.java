package dev.lockstep.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.testing.GitFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lockstep audit} on releases published to a real registry, with real git tags and remotes.
 */
@Order(4) // among the longest classes: start early
class AuditTest {

  @TempDir Path tmp;

  @Test
  void aCompleteReleasePasses() throws Exception {
    try (ReleasedApp r = ReleasedApp.create(tmp)) {
      ReleasedApp.Run run = r.audit("1.0.0");
      assertEquals(0, run.code(), run::toString);
      List<String> lines = run.lines();
      assertTrue(lines.stream().allMatch(l -> l.startsWith("ok ")), run::toString);
      assertEquals(
          List.of(
              "ok   tag v1.0.0: annotated, peels to commit " + r.releaseCommit,
              "ok   tag v1.0.0 on origin: the same tag on " + r.appOrigin,
              "ok   image "
                  + r.reg()
                  + "/acme/app:1.0.0: revision "
                  + r.releaseCommit
                  + ", version 1.0.0",
              "ok   chart " + r.reg() + "/acme/charts/app:1.0.0: version 1.0.0, appVersion 1.0.0",
              "ok   chart app-chart names "
                  + r.reg()
                  + "/acme/app:1.0.0: exists (named at chart/values.yaml:3:9)"),
          lines.subList(0, 5),
          run::toString);
      assertEquals(
          List.of(
              "ok   reference install-doc -> lib: tag v0.3.0 of lib exists (named at docs/install.md:5:19)",
              "ok   reference install-doc -> app-chart: chart "
                  + r.reg()
                  + "/acme/charts/app:1.0.0 exists"
                  + " (named at docs/install.md:3:58)",
              "ok   reference install-doc -> tool-image: "
                  + r.reg()
                  + "/ext/tool:2.0.0 exists (named at docs/install.md:5:70)"),
          lines.subList(5, lines.size()),
          run::toString);

      ReleasedApp.Run json = r.audit("1.0.0", "--format", "json");
      assertEquals(0, json.code(), json::toString);
      JsonNode report = new ObjectMapper().readTree(json.out());
      assertTrue(report.path("passed").asBoolean(), json::toString);
      assertEquals(r.releaseCommit, report.path("commit").asText());
      assertEquals(lines.size(), report.path("checks").size());
    }
  }

  @Test
  void theWorkTreeIsReadWhenHeadIsTheTag() throws Exception {
    ReleasedApp.Knobs k = new ReleasedApp.Knobs();
    k.commitAfterTag = false;
    try (ReleasedApp r = ReleasedApp.create(tmp, k)) {
      ReleasedApp.Run run = r.audit("1.0.0");
      assertEquals(0, run.code(), run::toString);
      assertEquals(
          1,
          run.linesWith("ok   chart app-chart names " + r.reg() + "/acme/app:1.0.0").size(),
          run::toString);
    }
  }

  @Test
  void anImageLabelledWithAnotherCommitFails() throws Exception {
    ReleasedApp.Knobs k = new ReleasedApp.Knobs();
    String other = "0123456789abcdef0123456789abcdef01234567";
    k.imageRevision = Optional.of(other);
    try (ReleasedApp r = ReleasedApp.create(tmp, k)) {
      ReleasedApp.Run run = r.audit("1.0.0");
      assertEquals(1, run.code(), run::toString);
      List<String> failed = run.linesWith("FAIL");
      assertEquals(
          List.of(
              "FAIL image "
                  + r.reg()
                  + "/acme/app:1.0.0: label org.opencontainers.image.revision names "
                  + other
                  + ", not the release commit "
                  + r.releaseCommit),
          failed,
          run::toString);
    }
  }

  @Test
  void aWrongChartAppVersionFails() throws Exception {
    ReleasedApp.Knobs k = new ReleasedApp.Knobs();
    k.chartAppVersion = Optional.of("0.9.0");
    try (ReleasedApp r = ReleasedApp.create(tmp, k)) {
      ReleasedApp.Run run = r.audit("1.0.0");
      assertEquals(1, run.code(), run::toString);
      assertEquals(
          List.of(
              "FAIL chart "
                  + r.reg()
                  + "/acme/charts/app:1.0.0: Chart.yaml appVersion is '0.9.0',"
                  + " expected '1.0.0'"),
          run.linesWith("FAIL"),
          run::toString);
    }
  }

  @Test
  void aMissingTagIsOneFailedLine() throws Exception {
    try (ReleasedApp r = ReleasedApp.create(tmp)) {
      ReleasedApp.Run run = r.audit("2.0.0");
      assertEquals(1, run.code(), run::toString);
      assertEquals(1, run.lines().size(), run::toString);
      assertTrue(
          run.lines().get(0).startsWith("FAIL tag v2.0.0: does not exist in app"), run::toString);
    }
  }

  @Test
  void aMissingImageFailsItsCheckAndTheChartThatNamesIt() throws Exception {
    ReleasedApp.Knobs k = new ReleasedApp.Knobs();
    k.pushImage = false;
    try (ReleasedApp r = ReleasedApp.create(tmp, k)) {
      ReleasedApp.Run run = r.audit("1.0.0");
      assertEquals(1, run.code(), run::toString);
      assertEquals(
          List.of(
              "FAIL image " + r.reg() + "/acme/app:1.0.0: does not exist",
              "FAIL chart app-chart names "
                  + r.reg()
                  + "/acme/app:1.0.0: "
                  + r.reg()
                  + "/acme/app:1.0.0 does not exist (named at chart/values.yaml:3:9)"),
          run.linesWith("FAIL"),
          run::toString);
    }
  }

  @Test
  void aStoppedRegistryFailsEveryRegistryCheck() throws Exception {
    try (ReleasedApp r = ReleasedApp.create(tmp)) {
      r.registry.stop();
      ReleasedApp.Run run = r.audit("1.0.0");
      assertEquals(1, run.code(), run::toString);
      List<String> failed = run.linesWith("FAIL");
      // image, chart, the image the chart names, the chart version and the tool the docs name
      assertEquals(5, failed.size(), run::toString);
      assertTrue(
          failed.stream().allMatch(l -> l.contains("registry " + r.reg() + " is not reachable")),
          run::toString);
      assertTrue(run.lines().get(0).startsWith("ok   tag v1.0.0"), run::toString);
    }
  }

  @Test
  void aTagOnOriginThatNamesAnotherCommitFails() throws Exception {
    try (ReleasedApp r = ReleasedApp.create(tmp)) {
      String notes;
      try (GitFixture app = GitFixture.open(r.app)) {
        notes = app.head().name();
        app.git()
            .push()
            .setRemote("origin")
            .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
            .call();
      }
      try (Git origin = Git.open(r.appOrigin.toFile())) {
        RevCommit other = origin.getRepository().parseCommit(origin.getRepository().resolve(notes));
        origin
            .tag()
            .setName("v1.0.0")
            .setObjectId(other)
            .setAnnotated(true)
            .setForceUpdate(true)
            .setMessage("moved")
            .setTagger(new PersonIdent(GitFixture.NAME, GitFixture.EMAIL))
            .setSigned(false)
            .call();
      }
      ReleasedApp.Run run = r.audit("1.0.0");
      assertEquals(1, run.code(), run::toString);
      assertEquals(
          List.of(
              "FAIL tag v1.0.0 on origin: names commit "
                  + notes
                  + " on "
                  + r.appOrigin
                  + ", not the release commit "
                  + r.releaseCommit),
          run.linesWith("FAIL"),
          run::toString);
    }
  }

  @Test
  void anUnknownRepoIsBadInput() throws Exception {
    try (ReleasedApp r = ReleasedApp.create(tmp)) {
      ReleasedApp.Run run =
          ReleasedApp.run("audit", "nope", "1.0.0", "--graph", r.graph.toString());
      assertEquals(2, run.code(), run::toString);
      assertTrue(
          run.err().contains("unknown repo 'nope'; repos of this graph: app, lib"), run::toString);
      ReleasedApp.Run notVersion =
          ReleasedApp.run("audit", "app", "one", "--graph", r.graph.toString());
      assertEquals(2, notVersion.code(), notVersion::toString);
    }
  }
}
