package dev.lockstep.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * KubeStellar's four repos as real git repositories, laid out the way {@code
 * graph/examples/kubestellar.yaml} expects, with contents modelled on the real repos and every
 * place the graph declares in agreement. Verify tests start from this clean state and {@link
 * #plant} one {@link Fault} at a time.
 *
 * <pre>
 * TEMP/kubestellar.yaml               a copy of graph/examples/kubestellar.yaml (returned by create)
 * TEMP/ws/kubestellar                 tags v0.28.0, v0.29.0-rc.1, v0.29.0, then one more commit
 * TEMP/ws/kubeflex                    tags v0.8.0, v0.8.1
 * TEMP/ws/ocm-status-addon            tags v0.1.0, v0.2.0, then one more commit (docs)
 * TEMP/ws/ocm-transport-plugin        tags v0.1.11, v0.1.12
 * </pre>
 *
 * Commit ids are the same on every run (see {@link GitFixture}). The repos are built once per JVM
 * into a template folder and copied (with their {@code .git}) for each {@link #create}: a copy
 * takes a fraction of the time the commits take.
 */
public final class KubestellarWorkspace {
  /** The kubestellar release at HEAD (latest tag reachable from HEAD; a regular release). */
  public static final String KUBESTELLAR = "0.29.0";

  /** The kubestellar release before it, also tagged; what a stale self-reference names. */
  public static final String KUBESTELLAR_PREVIOUS = "0.28.0";

  public static final String KUBEFLEX = "0.8.1";
  public static final String OCM_STATUS_ADDON = "0.2.0";
  public static final String OCM_TRANSPORT_PLUGIN = "0.1.12";

  /** The versions the graph pins for the external images. */
  public static final String CLUSTERADM = "0.8.2";

  public static final String HELM = "3.14.0";
  public static final String POSTGRESQL_CHART = "13.1.5";

  public static final String GRAPH_FILE = "kubestellar.yaml";
  public static final List<String> REPOS =
      List.of("kubestellar", "kubeflex", "ocm-status-addon", "ocm-transport-plugin");

  private KubestellarWorkspace() {}

  /** The repos as {@link #build} makes them, built on first use; deleted when the JVM ends. */
  private static Path template;

  /**
   * A place a {@link Fault} was planted: the repo, the repo-relative file and the 1-based line (0:
   * none).
   */
  public record Planted(Fault fault, String repo, String file, int line, String text) {}

  /**
   * The faults verify must find. Each names the repo and file it touches; {@link #plant} commits
   * the change (so the file is tracked) except where the fault is about the work tree.
   */
  public enum Fault {
    /**
     * core-chart/values.yaml pins the OTP chart at 0.1.11 while the kubestellar PCH names 0.1.12.
     */
    DISAGREEMENT("kubestellar", "core-chart/values.yaml"),
    /** The OSA chart's values.yaml names its image tag {@code latest}. */
    FLOATING("ocm-status-addon", "chart/values.yaml"),
    /**
     * The transport controller image in scripts/deploy-transport-controller.sh is tagged {@code
     * 0.1.x}.
     */
    NOT_A_VERSION("kubestellar", "scripts/deploy-transport-controller.sh"),
    /**
     * The ocm PCH installs the OSA chart {@code --version 0.2.0}; that chart's versions are {@code
     * v0.2.0}.
     */
    WRONG_FORMAT("kubestellar", "config/postcreate-hooks/ocm.yaml"),
    /**
     * chart/Chart.yaml (the KCM chart) says {@code version: 0.29.0} instead of its placeholder
     * 0.1.0.
     */
    PLACEHOLDER_CHANGED("kubestellar", "chart/Chart.yaml"),
    /**
     * The getting-started doc still says {@code KUBESTELLAR_VERSION=0.28.0}; v0.29.0 is the latest
     * tag.
     */
    SELF_REFERENCE_STALE("kubestellar", "docs/content/direct/get-started.md"),
    /**
     * Every place naming clusteradm (ocm PCH, core-chart values, hack/versions.json) moves to
     * 0.10.1, so they agree with each other and disagree only with the graph's pin 0.8.2. The
     * returned place is the ocm PCH's.
     */
    EXTERNAL_PIN_MISMATCH("kubestellar", "config/postcreate-hooks/ocm.yaml"),
    /** A new doc writes {@code ghcr.io/kubestellar/kubestellar/controller-manager:0.28.0}. */
    UNDECLARED_IMAGE("kubestellar", "docs/content/direct/troubleshooting.md"),
    /**
     * A new script runs {@code helm install ... oci://ghcr.io/kubestellar/ocm-status-addon-chart
     * --version v0.1.0}.
     */
    UNDECLARED_CHART("kubestellar", "hack/install-status-addon.sh"),
    /**
     * A second {@code export KUBESTELLAR_VERSION=0.29.0} in get-started.md: its regex matches
     * twice.
     */
    COUNT_MISMATCH("kubestellar", "docs/content/direct/get-started.md"),
    /** scripts/check_pre_req.sh is deleted (and the deletion committed). */
    FILE_MISSING("kubestellar", "scripts/check_pre_req.sh"),
    /** docs/mkdocs.yml becomes a committed symlink to ../../../outside/mkdocs.yml (next to ws/). */
    SYMLINK_ESCAPE("kubestellar", "docs/mkdocs.yml"),
    /** scripts/deploy-transport-controller.sh is re-saved as UTF-16 (NUL bytes: binary to git). */
    BINARY_FILE("kubestellar", "scripts/deploy-transport-controller.sh"),
    /** ws/ocm-transport-plugin is removed from the work space (nothing to commit). */
    REPO_NOT_CHECKED_OUT("ocm-transport-plugin", "");

    private final String repo;
    private final String file;

    Fault(String repo, String file) {
      this.repo = repo;
      this.file = file;
    }

    public String repo() {
      return repo;
    }

    /** The repo-relative file it touches; empty for {@link #REPO_NOT_CHECKED_OUT}. */
    public String file() {
      return file;
    }
  }

  /**
   * The four repos under {@code tempDir/ws} (a copy of the ones {@link #build} makes, made once per
   * JVM) and the example graph copied to {@code tempDir/kubestellar.yaml}.
   *
   * @return the copied graph file
   */
  public static Path create(Path tempDir) {
    Trees.copy(template().resolve("ws"), tempDir.resolve("ws"));
    return copyGraph(tempDir);
  }

  /**
   * Builds the four repos under {@code tempDir/ws} commit by commit, as {@link #create} gives them,
   * and copies the example graph to {@code tempDir/kubestellar.yaml}.
   *
   * @return the copied graph file
   */
  public static Path build(Path tempDir) {
    Path ws = tempDir.resolve("ws");
    kubestellar(ws.resolve("kubestellar"));
    kubeflex(ws.resolve("kubeflex"));
    ocmStatusAddon(ws.resolve("ocm-status-addon"));
    ocmTransportPlugin(ws.resolve("ocm-transport-plugin"));
    return copyGraph(tempDir);
  }

  private static synchronized Path template() {
    if (template == null) {
      try {
        Path dir = Files.createTempDirectory("lockstep-kubestellar-");
        Runtime.getRuntime()
            .addShutdownHook(new Thread(() -> Trees.delete(dir), "kubestellar-template-cleanup"));
        build(dir);
        template = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return template;
  }

  private static Path copyGraph(Path tempDir) {
    Path graph = tempDir.resolve(GRAPH_FILE);
    try {
      Files.copy(exampleGraph(), graph);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return graph;
  }

  /** {@code graph/examples/kubestellar.yaml} of this project. */
  public static Path exampleGraph() {
    return Path.of(System.getProperty("basedir", "."))
        .resolve("graph/examples/kubestellar.yaml")
        .toAbsolutePath();
  }

  /** The {@code ws} folder next to a graph file made by {@link #create}. */
  public static Path ws(Path graphFile) {
    return graphFile.toAbsolutePath().getParent().resolve("ws");
  }

  /**
   * Plants one fault into a workspace made by {@link #create}; {@code ws} may also be the graph
   * file.
   */
  public static Planted plant(Path ws, Fault fault) {
    if (Files.isRegularFile(ws)) {
      ws = ws(ws);
    }
    Path repoDir = ws.resolve(fault.repo());
    if (fault == Fault.REPO_NOT_CHECKED_OUT) {
      Trees.delete(repoDir);
      return new Planted(fault, fault.repo(), "", 0, "");
    }
    try (GitFixture git = GitFixture.open(repoDir)) {
      String f = fault.file();
      switch (fault) {
        case DISAGREEMENT:
          return commit(
              git,
              fault,
              edit(
                  git,
                  f,
                  "OCM_TRANSPORT_PLUGIN_VERSION: \"0.1.12\"",
                  "OCM_TRANSPORT_PLUGIN_VERSION: \"0.1.11\""),
              "core chart: pin the OCM transport plugin chart at 0.1.11");
        case FLOATING:
          return commit(
              git,
              fault,
              edit(git, f, "tag: \"0.2.0\"", "tag: \"latest\""),
              "chart: follow the latest image");
        case NOT_A_VERSION:
          return commit(
              git,
              fault,
              edit(git, f, "transport-controller:0.1.12", "transport-controller:0.1.x"),
              "deploy the newest 0.1 transport controller");
        case WRONG_FORMAT:
          return commit(
              git,
              fault,
              edit(git, f, "- v0.2.0\n", "- 0.2.0\n"),
              "ocm PCH: install status add-on 0.2.0");
        case PLACEHOLDER_CHANGED:
          return commit(
              git,
              fault,
              edit(git, f, "version: 0.1.0\n", "version: 0.29.0\n"),
              "chart: set the chart version");
        case SELF_REFERENCE_STALE:
          return commit(
              git,
              fault,
              edit(
                  git, f, "export KUBESTELLAR_VERSION=0.29.0", "export KUBESTELLAR_VERSION=0.28.0"),
              "docs: revert getting started to the previous release");
        case EXTERNAL_PIN_MISMATCH:
          {
            Planted p =
                edit(
                    git,
                    f,
                    "quay.io/kubestellar/clusteradm:0.8.2",
                    "quay.io/kubestellar/clusteradm:0.10.1");
            edit(
                git,
                "core-chart/values.yaml",
                "CLUSTERADM_VERSION: \"0.8.2\"",
                "CLUSTERADM_VERSION: \"0.10.1\"");
            edit(
                git,
                "hack/versions.json",
                "\"quay.io/kubestellar/clusteradm\": \"0.8.2\"",
                "\"quay.io/kubestellar/clusteradm\": \"0.10.1\"");
            return commit(git, fault, p, "use clusteradm 0.10.1");
          }
        case UNDECLARED_IMAGE:
          git.write(f, KubestellarFiles.TROUBLESHOOTING);
          return commit(
              git,
              fault,
              at(git, fault, f, "ghcr.io/kubestellar/kubestellar/controller-manager:0.28.0"),
              "docs: add troubleshooting page");
        case UNDECLARED_CHART:
          git.write(f, KubestellarFiles.INSTALL_STATUS_ADDON);
          return commit(
              git,
              fault,
              at(git, fault, f, "--version v0.1.0"),
              "hack: script to install the status add-on by hand");
        case COUNT_MISMATCH:
          {
            String text = git.read(f);
            git.write(f, text + KubestellarFiles.GET_STARTED_UPGRADE);
            return commit(
                git,
                fault,
                atLast(git, fault, f, "export KUBESTELLAR_VERSION=0.29.0"),
                "docs: how to upgrade");
          }
        case FILE_MISSING:
          git.delete(f);
          return commit(
              git,
              fault,
              new Planted(fault, fault.repo(), f, 0, ""),
              "remove the prerequisites check");
        case SYMLINK_ESCAPE:
          {
            Path outside = ws.getParent().resolve("outside/mkdocs.yml");
            write(outside, git.read(f));
            String target = "../../../outside/mkdocs.yml";
            git.symlink(f, target);
            return commit(
                git,
                fault,
                new Planted(fault, fault.repo(), f, 0, target),
                "docs: share mkdocs.yml with the website");
          }
        case BINARY_FILE:
          {
            String text = git.read(f);
            byte[] utf16 = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE);
            git.writeBytes(f, utf16);
            return commit(
                git, fault, new Planted(fault, fault.repo(), f, 0, ""), "scripts: save as UTF-16");
          }
        default:
          throw new IllegalArgumentException("unknown fault " + fault);
      }
    }
  }

  // ------------------------------------------------------------------ repos

  private static void kubestellar(Path dir) {
    GitFixture git = GitFixture.init(dir);
    KubestellarFiles.FIXED.forEach(git::write);
    // Release history: 0.28.0, a release candidate of 0.29.0, 0.29.0, then work on main.
    Map<String, String> v028 = versions("0.28.0", "0.28.0", "0.8.0", "0.1.0", "0.1.11");
    Map<String, String> rc =
        versions("0.29.0-rc.1", "0.28.0", KUBEFLEX, OCM_STATUS_ADDON, OCM_TRANSPORT_PLUGIN);
    Map<String, String> v029 =
        versions(KUBESTELLAR, KUBESTELLAR, KUBEFLEX, OCM_STATUS_ADDON, OCM_TRANSPORT_PLUGIN);
    stamp(git, v028);
    git.write(
            "docs/content/direct/release-notes.md",
            KubestellarFiles.releaseNotes(List.of("0.28.0")))
        .commit("Release 0.28.0")
        .tag("v0.28.0");
    stamp(git, rc);
    git.commit("Prepare 0.29.0-rc.1").tag("v0.29.0-rc.1");
    stamp(git, v029);
    git.write(
            "docs/content/direct/release-notes.md",
            KubestellarFiles.releaseNotes(List.of("0.29.0", "0.28.0")))
        .commit("Release 0.29.0")
        .tag("v0.29.0");
    git.write(
            "cmd/controller-manager/main.go",
            KubestellarFiles.MAIN_GO.replace("// Start the", "// Start all the"))
        .commit("controller-manager: clarify a comment");
    git.close();
  }

  private static final java.util.regex.Pattern UNREPLACED =
      java.util.regex.Pattern.compile("@[A-Z_]+@");

  private static Map<String, String> versions(
      String ks, String ksRegular, String kubeflex, String osa, String otp) {
    return Map.of(
        "@KS@",
        ks,
        "@KS_REGULAR@",
        ksRegular,
        "@KUBEFLEX@",
        kubeflex,
        "@OSA@",
        osa,
        "@OTP@",
        otp,
        "@CLUSTERADM@",
        CLUSTERADM,
        "@HELM@",
        HELM);
  }

  /** Re-renders every templated kubestellar file with {@code values}. */
  private static void stamp(GitFixture git, Map<String, String> values) {
    for (Map.Entry<String, String> e : KubestellarFiles.TEMPLATED.entrySet()) {
      String text = e.getValue();
      for (Map.Entry<String, String> v : values.entrySet()) {
        text = text.replace(v.getKey(), v.getValue());
      }
      java.util.regex.Matcher left = UNREPLACED.matcher(text);
      if (left.find()) {
        throw new IllegalStateException(e.getKey() + ": unreplaced " + left.group());
      }
      git.write(e.getKey(), text);
    }
  }

  private static void kubeflex(Path dir) {
    GitFixture git = GitFixture.init(dir);
    git.write("README.md", OtherRepoFiles.KUBEFLEX_README)
        .write("go.mod", OtherRepoFiles.KUBEFLEX_GO_MOD)
        .write("chart/Chart.yaml", OtherRepoFiles.KUBEFLEX_CHART)
        .write("chart/values.yaml", OtherRepoFiles.KUBEFLEX_VALUES)
        .write("chart/templates/operator.yaml", OtherRepoFiles.KUBEFLEX_OPERATOR)
        .commit("KubeFlex 0.8.0")
        .tag("v0.8.0")
        .write("README.md", OtherRepoFiles.KUBEFLEX_README + OtherRepoFiles.KUBEFLEX_README_MORE)
        .commit("Document the PostCreateHook variables")
        .tag("v" + KUBEFLEX);
    git.close();
  }

  private static void ocmStatusAddon(Path dir) {
    GitFixture git = GitFixture.init(dir);
    git.write("go.mod", OtherRepoFiles.OSA_GO_MOD)
        .write("Makefile", OtherRepoFiles.OSA_MAKEFILE)
        .write("cmd/ocm-status-addon/main.go", OtherRepoFiles.OSA_MAIN_GO)
        .write("docs/release.md", OtherRepoFiles.OSA_RELEASE_DOC)
        .write("chart/Chart.yaml", OtherRepoFiles.OSA_CHART)
        .write("chart/templates/operator.yaml", OtherRepoFiles.OSA_OPERATOR)
        .write("chart/values.yaml", OtherRepoFiles.OSA_VALUES.replace("@OSA@", "0.1.0"))
        .write("README.md", OtherRepoFiles.OSA_README.replace("@KS@", "0.28.0"))
        .commit("OCM status add-on 0.1.0")
        .tag("v0.1.0")
        .write("chart/values.yaml", OtherRepoFiles.OSA_VALUES.replace("@OSA@", OCM_STATUS_ADDON))
        .commit("Release 0.2.0")
        .tag("v" + OCM_STATUS_ADDON)
        .write("README.md", OtherRepoFiles.OSA_README.replace("@KS@", KUBESTELLAR))
        .commit("README: link the KubeStellar 0.29.0 docs");
    git.close();
  }

  private static void ocmTransportPlugin(Path dir) {
    GitFixture git = GitFixture.init(dir);
    git.write("README.md", OtherRepoFiles.OTP_README)
        .write("go.mod", OtherRepoFiles.OTP_GO_MOD.replace("@KS@", "0.27.0"))
        .write("cmd/transport-controller/main.go", OtherRepoFiles.OTP_MAIN_GO)
        .write("chart/Chart.yaml", OtherRepoFiles.OTP_CHART)
        .write("chart/values.yaml", OtherRepoFiles.OTP_VALUES)
        .write("chart/templates/controller.yaml", OtherRepoFiles.OTP_CONTROLLER)
        .commit("OCM transport plugin 0.1.11")
        .tag("v0.1.11")
        .write("go.mod", OtherRepoFiles.OTP_GO_MOD.replace("@KS@", KUBESTELLAR_PREVIOUS))
        .commit("Build against kubestellar v0.28.0")
        .tag("v" + OCM_TRANSPORT_PLUGIN);
    git.close();
  }

  // ------------------------------------------------------------------ planting helpers

  private static Planted edit(GitFixture git, String file, String from, String to) {
    int line = lineOf(git.read(file), from);
    git.replace(file, from, to);
    return new Planted(null, null, file, line, to.strip());
  }

  private static Planted commit(GitFixture git, Fault fault, Planted p, String message) {
    git.commit(message);
    return new Planted(fault, fault.repo(), p.file(), p.line(), p.text());
  }

  private static Planted at(GitFixture git, Fault fault, String file, String text) {
    return new Planted(fault, fault.repo(), file, lineOf(git.read(file), text), text);
  }

  private static Planted atLast(GitFixture git, Fault fault, String file, String text) {
    String content = git.read(file);
    int offset = content.lastIndexOf(text);
    return new Planted(fault, fault.repo(), file, lineAt(content, offset), text);
  }

  private static int lineOf(String content, String text) {
    int offset = content.indexOf(text);
    if (offset < 0) {
      throw new IllegalStateException("'" + text + "' not found");
    }
    return lineAt(content, offset);
  }

  private static int lineAt(String content, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (content.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
