package dev.lockstep.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lockstep.config.GraphLoader;
import dev.lockstep.model.ReleaseGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan finds every known name however its text sits: at the first and the last bytes of a file,
 * back to back, behind a near miss, and names of very different lengths side by side.
 */
class UndeclaredScanTest {
  @TempDir Path tmp;

  private List<String> scan(String text) throws Exception {
    return scan(text, "");
  }

  /** With a chart of the repo published at {@code oci://ghcr.io/acme/charts/app}. */
  private List<String> scanChart(String text) throws Exception {
    return scan(
        text,
        "  app-chart: { kind: chart, repo: app, path: chart,"
            + " publish: oci://ghcr.io/acme/charts/app }\n");
  }

  private List<String> scan(String text, String moreArtifacts) throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Files.writeString(repo.resolve("f.txt"), text);
    return places(graph(moreArtifacts), List.of("f.txt")).stream()
        .map(p -> p.artifact() + "@" + p.line() + ":" + p.column() + "=" + p.version())
        .sorted()
        .toList();
  }

  /** Three external images in repo {@code app} at {@code repo}, and {@code moreArtifacts}. */
  private ReleaseGraph graph(String moreArtifacts) {
    return GraphLoader.parse(
        tmp.resolve("lockstep.yaml"),
        """
        lockstep: 1
        repos:
          app: { path: repo }
        artifacts:
          nginx: { kind: image, name: nginx, external: { version: 1.0.0 } }
          api: { kind: image, name: ghcr.io/acme/api, external: { version: 1.0.0 } }
          pause: { kind: image, name: registry.k8s.io/pause, external: { version: 3.9.0 } }
        """
            + moreArtifacts);
  }

  private static List<UndeclaredPlace> places(ReleaseGraph graph, List<String> tracked) {
    return UndeclaredScan.of(graph)
        .scan(graph.repo(dev.lockstep.model.ArtifactId.of("app")).get(), tracked, null);
  }

  @Test
  void aTrackedLinkAFifoAndAFolderAreNotRead() throws Exception {
    assertEquals(List.of("nginx@1:7=1"), scan("nginx:1"));
    Path repo = tmp.resolve("repo");
    Path outside = Files.writeString(tmp.resolve("outside.txt"), "nginx:9 ghcr.io/acme/api:9");
    Files.createSymbolicLink(repo.resolve("link.txt"), outside);
    Files.createDirectories(repo.resolve("dir.txt"));
    new ProcessBuilder("mkfifo", repo.resolve("fifo.txt").toString()).start().waitFor();
    // a FIFO opened for reading would block until a writer came: the scan must not get there
    List<String> all =
        places(graph(""), List.of("link.txt", "fifo.txt", "dir.txt", "f.txt")).stream()
            .map(p -> p.path() + "=" + p.version())
            .toList();
    assertEquals(List.of("f.txt=1"), all);
  }

  @Test
  void namesAtTheEdgesOfTheFile() throws Exception {
    assertEquals(List.of("nginx@1:7=1"), scan("nginx:1"));
    assertEquals(List.of("api@1:18=2"), scan("ghcr.io/acme/api:2"));
    assertEquals(List.of("pause@1:25=3.9"), scan("x registry.k8s.io/pause:3.9"));
    assertEquals(List.of(), scan("nginx"));
    assertEquals(List.of(), scan("ngin"));
    assertEquals(List.of(), scan(""));
  }

  @Test
  void nearMissesAndNeighbours() throws Exception {
    // ghcr.io/acme/api:4 follows a slash: part of a longer name, not a hit
    assertEquals(
        List.of("api@1:47=5", "nginx@1:55=6", "nginx@2:7=7", "pause@2:31=8"),
        scan(
            "ghghcr.io/ghcr.io/acme/api:4 ghcr.io/acme/api:5 nginx:6\n"
                + "nginx:7 registry.k8s.io/pause:8 registry.k8s.io/paus:9"));
  }

  @Test
  void everySpellingInALongFile() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      text.append("gh ng reg docker.io/library/nginx:").append(i).append(" ghcr.io/acme/api:");
      text.append(i).append(" registry.k8s.io/pause:").append(i).append('\n');
    }
    List<String> found = scan(text.toString());
    assertEquals(600, found.size());
    assertEquals(200, found.stream().filter(f -> f.startsWith("nginx@")).count());
    assertEquals(200, found.stream().filter(f -> f.startsWith("pause@")).count());
  }

  @Test
  void hitsAfterBytesAboveAsciiAndAtTheStart() throws Exception {
    // columns count UTF-8 characters, not bytes: "é" and "→" are one each
    assertEquals(List.of("nginx@1:9=1.2"), scan("é nginx:1.2"));
    assertEquals(List.of("api@2:20=3"), scan("x\n→ ghcr.io/acme/api:3"));
    // a scheme before the name still counts; a slash alone makes it part of a longer name
    assertEquals(List.of("nginx@1:16=4"), scan("docker://nginx:4"));
    assertEquals(List.of(), scan("//nginx:5"));
    assertEquals(List.of(), scan("/nginx:5"));
    // a --version flag counts on the chart's command line only
    assertEquals(
        List.of(), scanChart("helm install oci://ghcr.io/acme/charts/app\necho --version 1.2.3"));
    assertEquals(
        List.of("app-chart@1:54=1.2.3"),
        scanChart("helm install oci://ghcr.io/acme/charts/app --version 1.2.3"));
    // a variable or a template is not a literal version
    assertEquals(List.of(), scan("nginx:${TAG}"));
    assertEquals(List.of(), scan("nginx:v{{ .Values.tag }}"));
  }

  @Test
  void latin1TextIsOneCharPerByte() {
    byte[] bytes = {'a', (byte) 0xe2, (byte) 0x86, (byte) 0x92, 'z', '\n', 'q'};
    UndeclaredScan.Latin1 text =
        new UndeclaredScan.Latin1(bytes, 6); // the last byte is past the end
    assertEquals(6, text.length());
    assertEquals(0xe2, text.charAt(1));
    assertEquals(5, text.indexOf('\n', 0));
    assertEquals(-1, text.indexOf('q', 0));
    assertEquals(4, text.indexOf("z", 0, 6));
    assertEquals(-1, text.indexOf("z", 0, 4)); // only [from, to) is read
    assertEquals(-1, text.indexOf("zq", 0, 7));
    assertEquals(true, text.startsWith("a", 0));
    assertEquals(false, text.startsWith("a", -1));
    assertEquals(true, text.startsWith(new byte[] {'z', '\n'}, 4));
    assertEquals(false, text.startsWith(new byte[] {'\n', 'q'}, 5)); // q is past the end
    assertEquals(false, text.startsWith((byte[]) null, 0)); // a name above Latin-1
    assertEquals("z\n", text.substring(4, 6));
  }
}
