package dev.lockstep.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.lockstep.testing.GitFixture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code outdated} against a Helm repository served on 127.0.0.1 (pre-releases, a {@code -1} post
 * release, {@code v}-prefixed and deprecated entries), under each scheme, through mirrors, a real
 * HTTP proxy (tinyproxy) and a git remote's tags.
 */
class OutdatedLookupsTest {
  private static final String INDEX =
      """
      apiVersion: v1
      entries:
        kube-prometheus-stack:
          - { name: kube-prometheus-stack, version: 66.0.0, deprecated: true }
          - { name: kube-prometheus-stack, version: 65.2.0rc1 }
          - { name: kube-prometheus-stack, version: 65.2.0-rc.1 }
          - { name: kube-prometheus-stack, version: 65.1.1-1 }
          - { name: kube-prometheus-stack, version: 65.1.1 }
          - { name: kube-prometheus-stack, version: v65.0.9 }
          - { name: kube-prometheus-stack, version: 65.1.0 }
      """;

  @TempDir static Path shared;
  @TempDir Path tmp;

  private static HttpServer server;
  private static final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  static void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] index = INDEX.getBytes(StandardCharsets.UTF_8);
    for (String path : List.of("/prom/index.yaml", "/mirror/prom/index.yaml")) {
      server.createContext(
          path,
          ex -> {
            requests.add(ex.getRequestURI().getPath());
            ex.sendResponseHeaders(200, index.length);
            ex.getResponseBody().write(index);
            ex.close();
          });
    }
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private Path graph(String scheme, String repository, String extra) throws Exception {
    return Files.writeString(
        tmp.resolve("lockstep.yaml"),
        """
        lockstep: 1
        artifacts:
          kube-prometheus-stack:
            kind: chart
            scheme: %s
            external: { version: 65.1.0, repository: "%s", chart: kube-prometheus-stack%s }
        """
            .formatted(scheme, repository, extra));
  }

  @Test
  void pep440GivesKargosAnswerAndSemverItsOwn_deprecatedEntriesSkipped() throws Exception {
    ReleasedApp.Run pep =
        ReleasedApp.run("outdated", "--graph", graph("pep440", base() + "/prom", "").toString());
    assertEquals(1, pep.code(), pep::toString);
    assertTrue(
        pep.lines().get(0).startsWith("kube-prometheus-stack  65.1.0 -> 65.1.1-1  ("),
        pep::toString);

    ReleasedApp.Run semver =
        ReleasedApp.run("outdated", "--graph", graph("semver", base() + "/prom", "").toString());
    assertEquals(1, semver.code(), semver::toString);
    assertTrue(
        semver.lines().get(0).startsWith("kube-prometheus-stack  65.1.0 -> 65.1.1  ("),
        semver::toString);

    ReleasedApp.Run pre =
        ReleasedApp.run(
            "outdated",
            "--include-prereleases",
            "--graph",
            graph("semver", base() + "/prom", "").toString());
    assertTrue(pre.lines().get(0).contains("-> 65.2.0-rc.1  ("), pre::toString);
  }

  @Test
  void aPinInAFileIsReadAndReportedWithItsFileAndLine() throws Exception {
    GitFixture.init(tmp.resolve("platform"))
        .write(
            "default_versions.json",
            "{\n  \"cert_manager\": \"1.14.0\",\n  \"kube_prometheus_stack\": \"65.1.1\"\n}\n")
        .commit("platform");
    Path g =
        Files.writeString(
            tmp.resolve("lockstep.yaml"),
            """
            lockstep: 1
            repos:
              platform: { path: platform }
            artifacts:
              kube-prometheus-stack:
                kind: chart
                scheme: pep440
                external: { repository: "%s/prom", chart: kube-prometheus-stack }
              versions:
                kind: file
                repo: platform
                uses:
                  - to: kube-prometheus-stack
                    at: [ { file: default_versions.json, json: /kube_prometheus_stack, pin: true } ]
            """
                .formatted(base()));
    ReleasedApp.Run run = ReleasedApp.run("outdated", "--graph", g.toString());
    assertEquals(1, run.code(), run::toString);
    assertEquals(
        "kube-prometheus-stack  65.1.1 -> 65.1.1-1  (chart kube-prometheus-stack in "
            + base()
            + "/prom)  pinned at "
            + tmp.resolve("platform/default_versions.json")
            + ":3",
        run.lines().get(0),
        run::toString);
  }

  @Test
  void allowAndIgnorePatternsNarrowTheCandidates() throws Exception {
    ReleasedApp.Run ignored =
        ReleasedApp.run(
            "outdated", "--graph", graph("pep440", base() + "/prom", ", ignore: '-1$'").toString());
    assertTrue(ignored.lines().get(0).contains("65.1.0 -> 65.1.1  ("), ignored::toString);

    ReleasedApp.Run allowed =
        ReleasedApp.run(
            "outdated",
            "--graph",
            graph("pep440", base() + "/prom", ", allow: '^65\\.1\\.0$'").toString());
    assertEquals(0, allowed.code(), allowed::toString);
    assertTrue(allowed.lines().get(0).contains("65.1.0  up to date"), allowed::toString);
  }

  @Test
  void aMirrorOnTheCommandLineOrInTheGraphIsAskedInstead() throws Exception {
    String upstream = "https://prometheus-community.github.io/helm-charts";
    requests.clear();
    ReleasedApp.Run cli =
        ReleasedApp.run(
            "outdated",
            "--mirror",
            upstream + "=" + base() + "/mirror/prom",
            "--graph",
            graph("pep440", upstream, "").toString());
    assertEquals(1, cli.code(), cli::toString);
    assertTrue(cli.lines().get(0).contains("65.1.0 -> 65.1.1-1"), cli::toString);
    assertEquals(List.of("/mirror/prom/index.yaml"), requests);

    requests.clear();
    Path g = graph("pep440", upstream, "");
    Files.writeString(
        g, Files.readString(g) + "mirrors:\n  " + upstream + ": " + base() + "/mirror/prom\n");
    ReleasedApp.Run inGraph = ReleasedApp.run("outdated", "--graph", g.toString());
    assertTrue(inGraph.lines().get(0).contains("65.1.0 -> 65.1.1-1"), inGraph::toString);
    assertEquals(List.of("/mirror/prom/index.yaml"), requests);
  }

  @Test
  void verifyOnlineAsksTheMirrorToo() throws Exception {
    String upstream = "https://prometheus-community.github.io/helm-charts";
    requests.clear();
    Path g = graph("pep440", upstream, "");
    String[] verifyOnline = {
      "verify",
      "--online",
      "--allow-skipped",
      "--mirror",
      upstream + "=" + base() + "/mirror/prom",
      "--graph",
      g.toString()
    };
    ReleasedApp.Run run = ReleasedApp.run(verifyOnline);
    assertEquals(0, run.code(), run::toString);
    assertEquals(List.of("/mirror/prom/index.yaml"), requests);
    Files.writeString(g, Files.readString(g).replace("65.1.0", "65.0.0"));
    ReleasedApp.Run missing = ReleasedApp.run(verifyOnline);
    assertEquals(1, missing.code(), missing::toString);
    assertEquals(1, missing.linesWith("error[online.missing]").size(), missing::toString);
  }

  @Test
  void aFailedLookupNamesTheUrlAndTheCause() throws Exception {
    ReleasedApp.Run missing =
        ReleasedApp.run("outdated", "--graph", graph("pep440", base() + "/nothing", "").toString());
    assertEquals(1, missing.code(), missing::toString);
    assertTrue(
        missing.lines().get(0).contains("GET " + base() + "/nothing/index.yaml: HTTP 404"),
        missing::toString);

    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    String refusedUrl = "http://127.0.0.1:" + closed + "/prom";
    ReleasedApp.Run refused =
        ReleasedApp.run("outdated", "--graph", graph("pep440", refusedUrl, "").toString());
    assertEquals(1, refused.code(), refused::toString);
    assertTrue(
        refused.lines().get(0).contains("GET " + refusedUrl + "/index.yaml: connection refused"),
        refused::toString);
  }

  @Test
  void aFailedRegistryLookupInVerifyOnlineNamesTheUrlAndTheCause() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Path g =
        Files.writeString(
            tmp.resolve("down.yaml"),
            """
            lockstep: 1
            artifacts:
              tool: { kind: image, name: "127.0.0.1:%d/o/tool", external: { version: 1.0.0 } }
            """
                .formatted(closed));
    ReleasedApp.Run run =
        ReleasedApp.run("verify", "--online", "--allow-skipped", "--graph", g.toString());
    assertEquals(1, run.code(), run::toString);
    assertEquals(
        1,
        run.linesWith(
                "registry 127.0.0.1:"
                    + closed
                    + " is not reachable: connection refused (HEAD http://127.0.0.1:"
                    + closed
                    + "/v2/o/tool/manifests/1.0.0)")
            .size(),
        run::toString);
  }

  @Test
  void anExternalGitRepositoryIsLookedUpByItsTags() throws Exception {
    Path remote = tmp.resolve("kubevirt.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).call().close();
    GitFixture src =
        GitFixture.init(tmp.resolve("kubevirt")).write("README.md", "kv\n").commit("kv");
    for (String t : List.of("v1.2.0", "v1.3.0", "v1.4.0-rc.1", "latest")) {
      src.tag(t, t);
    }
    src.git().push().setRemote(remote.toUri().toString()).setPushTags().call();
    String url = remote.toUri().toString();
    Path g =
        Files.writeString(
            tmp.resolve("git.yaml"),
            """
            lockstep: 1
            artifacts:
              virt-operator:
                kind: image
                name: quay.io/kubevirt/virt-operator
                tag: "v{version}"
                external: { version: 1.2.0, git: "%s" }
            """
                .formatted(url));
    ReleasedApp.Run run = ReleasedApp.run("outdated", "--graph", g.toString());
    assertEquals(1, run.code(), run::toString);
    assertTrue(
        run.lines()
            .get(0)
            .startsWith("virt-operator  1.2.0 -> 1.3.0  (git " + url.replaceFirst("/$", "")),
        run::toString);
  }

  @Test
  void lookupsGoThroughTheHttpProxyOfTheEnvironment() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path log = tmp.resolve("tinyproxy.log");
    Path conf =
        Files.writeString(
            tmp.resolve("tinyproxy.conf"),
            """
            Port %d
            Listen 127.0.0.1
            Timeout 30
            LogFile "%s"
            LogLevel Info
            MaxClients 10
            Allow 127.0.0.1
            """
                .formatted(port, log));
    Process proxy =
        new ProcessBuilder("tinyproxy", "-d", "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("tinyproxy.out").toFile())
            .start();
    try {
      waitForPort(port);
      Path g = graph("pep440", base() + "/prom", "");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb =
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  "dev.lockstep.cli.Main",
                  "outdated",
                  "--graph",
                  g.toString())
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("out.txt").toFile());
      pb.environment().put("HTTP_PROXY", "http://127.0.0.1:" + port);
      pb.environment().remove("NO_PROXY");
      pb.environment().remove("no_proxy");
      Process p = pb.start();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "outdated did not finish");
      String out = Files.readString(tmp.resolve("out.txt"));
      assertEquals(1, p.exitValue(), out);
      assertTrue(out.startsWith("kube-prometheus-stack  65.1.0 -> 65.1.1-1  ("), out);
      assertTrue(
          Files.readString(log).contains("GET " + base() + "/prom/index.yaml"),
          () -> "the proxy saw no request:\n" + read(log));
    } finally {
      proxy.destroy();
      proxy.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void waitForPort(int port) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end) {
      try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (java.io.IOException e) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("tinyproxy did not listen on " + port);
  }
}
