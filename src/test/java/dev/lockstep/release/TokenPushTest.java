package dev.lockstep.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.gitrepo.GitCredentials;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Version;
import dev.lockstep.oci.RegistryCredentials;
import dev.lockstep.plan.Planner;
import dev.lockstep.survey.Survey;
import dev.lockstep.testing.GitFixture;
import dev.lockstep.testing.GitHttpServer;
import dev.lockstep.testing.LocalRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release pushes to an HTTP git server that wants Basic auth, with the token from the environment
 * as its only credentials: no {@code extraheader}, no credential helper, no user info in the remote
 * URL. A wrong token is refused in one line that does not contain it, and the token never goes to a
 * host it is not for.
 */
@Tag("hostile-credentials")
class TokenPushTest {
  private static final String TOKEN = "ghs_right-token-0123456789";
  private static final String WRONG = "ghs_wrong-token-9876543210";
  private static final String GRAPH =
      """
      lockstep: 1
      repos:
        app: { path: app, url: https://example.com/app.git, tag: "v{version}" }
      artifacts:
        readme:
          kind: file
          repo: app
          path: README.md
          uses:
            - to: app
              at: [ { file: README.md, regex: 'install app (?<version>v[0-9][0-9.]*)' } ]
      """;

  @TempDir Path tmp;

  LocalRegistry registry;
  GitHttpServer server;
  GitFixture app;
  Path bare;

  @BeforeEach
  void start() throws Exception {
    registry = LocalRegistry.start(tmp.resolve("registry"));
    server = GitHttpServer.start(tmp.resolve("served"), "x-access-token", TOKEN);
    Files.writeString(tmp.resolve("graph.yaml"), GRAPH);
    app =
        GitFixture.init(tmp.resolve("app"))
            .write("README.md", "# app\n\nTo install app v1.0.0, run the installer.\n")
            .commit("app 1.0.0")
            .tag("v1.0.0");
    bare = tmp.resolve("served/app.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    app.git()
        .push()
        .setRemote(bare.toUri().toString())
        .setRefSpecs(
            new RefSpec("refs/heads/main:refs/heads/main"),
            new RefSpec("refs/tags/v1.0.0:refs/tags/v1.0.0"))
        .call();
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    if (server != null) {
      server.close();
    }
    if (registry != null) {
      registry.close();
    }
  }

  private void origin(String url) throws Exception {
    StoredConfig config = app.git().getRepository().getConfig();
    config.setString("remote", "origin", "url", url);
    config.save();
    assertTrue(config.getSubsections("http").isEmpty(), "no http.<url>.extraheader");
    assertNull(config.getString("http", null, "extraheader"));
  }

  private ReleaseResult release(Map<String, String> env) throws InterruptedException {
    ReleaseGraph graph = GraphLoader.load(tmp.resolve("graph.yaml"));
    var plan = Planner.plan(graph, Survey.of(graph), ArtifactId.of("app"), Version.of("1.1.0"));
    return new Releaser(RegistryCredentials.none(), GitCredentials.from(env))
        .run(
            plan,
            graph,
            ReleaseOptions.toRegistry(registry.host(), tmp.resolve("out"), tmp.resolve("cache")),
            ReleaseListener.NONE);
  }

  private Map<String, ObjectId> served() throws Exception {
    try (Git git = Git.open(bare.toFile())) {
      Map<String, ObjectId> refs = new TreeMap<>();
      for (Ref r : git.getRepository().getRefDatabase().getRefsByPrefix("refs/")) {
        refs.put(r.getName(), r.getObjectId());
      }
      return refs;
    }
  }

  private static String basic(String token) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("x-access-token:" + token).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aReleasePushesWithTheTokenFromTheEnvironment() throws Exception {
    origin(server.url("app.git"));
    ReleaseResult result =
        release(Map.of("GITHUB_TOKEN", TOKEN, GitCredentials.HOST_ENV, "127.0.0.1"));

    Map<String, ObjectId> refs = served();
    assertTrue(refs.keySet().containsAll(ReleaseWorkspace.releaseRefs("1.1.0")), refs.toString());
    try (Git git = Git.open(bare.toFile())) {
      ObjectId tagged = git.getRepository().resolve("refs/tags/v1.1.0^{commit}");
      assertEquals(result.commit(), tagged.name());
    }
    // ls-remote, then the push: each authenticated with the token, after the server's challenge
    var authorized = server.requests().stream().filter(r -> r.status() == 200).toList();
    assertTrue(
        authorized.stream().anyMatch(r -> r.path().endsWith("/git-receive-pack")),
        server.requests().toString());
    assertTrue(authorized.stream().allMatch(r -> basic(TOKEN).equals(r.authorization())));
  }

  @Test
  void lockstepGitTokenWinsOverGithubToken() throws Exception {
    origin(server.url("app.git"));
    release(
        Map.of(
            "GITHUB_TOKEN",
            WRONG,
            GitCredentials.TOKEN_ENV,
            TOKEN,
            "GITHUB_SERVER_URL",
            "http://127.0.0.1"));
    assertNotNull(served().get("refs/tags/v1.1.0"));
  }

  @Test
  void aWrongTokenIsRefusedInOneLineWithoutTheToken() throws Exception {
    origin(server.url("app.git"));
    ReleaseException e =
        assertThrows(
            ReleaseException.class,
            () -> release(Map.of("GITHUB_TOKEN", WRONG, GitCredentials.HOST_ENV, "127.0.0.1")));
    String message = e.getMessage();
    assertEquals(1, message.lines().count(), message);
    assertFalse(message.contains(WRONG), message);
    assertFalse(message.contains(Base64.getEncoder().encodeToString(WRONG.getBytes())), message);
    assertTrue(message.contains("not authorized"), message);
    assertTrue(message.contains("GITHUB_TOKEN"), message);
    assertTrue(e.isRefusal(), "nothing was published: " + e.stage());
    assertFalse(served().containsKey("refs/tags/v1.1.0"));
    assertTrue(
        server.requests().stream().anyMatch(r -> basic(WRONG).equals(r.authorization())),
        "the wrong token was sent, and refused");
  }

  @Test
  void theTokenNeverGoesToAnotherHost() throws Exception {
    // localhost reaches the same server, but the token is for 127.0.0.1 only
    origin(server.url("app.git").replace("127.0.0.1", "localhost"));
    ReleaseException e =
        assertThrows(
            ReleaseException.class,
            () -> release(Map.of("GITHUB_TOKEN", TOKEN, GitCredentials.HOST_ENV, "127.0.0.1")));
    assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    assertTrue(e.getMessage().contains("for 127.0.0.1 only"), e.getMessage());
    assertFalse(server.requests().isEmpty());
    assertTrue(
        server.requests().stream().allMatch(r -> r.authorization() == null),
        server.requests().toString());
    assertEquals(Set.of("refs/heads/main", "refs/tags/v1.0.0"), served().keySet());
  }
}
