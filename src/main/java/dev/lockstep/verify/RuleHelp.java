package dev.lockstep.verify;

import dev.lockstep.survey.Rule;
import java.util.Map;

/**
 * What each rule means, as docs/verify-rules.md says it (Markdown): SARIF's {@code fullDescription}
 * and {@code help}, and the anchor {@code helpUri} points at. A test keeps the two in step.
 */
public final class RuleHelp {
  /** Where the rules are documented; each rule's code is an anchor. */
  public static final String DOCS =
      "https://github.com/lockstep-dev/lockstep/blob/main/docs/verify-rules.md";

  private static final Map<String, String> FIRES_WHEN =
      Map.ofEntries(
          Map.entry(
              "graph.invalid",
              "the graph file does not load: malformed YAML, an unknown key, a wrong type, an unknown id, a repo without `path:` that cannot be the one holding the graph; one finding per problem, at its `file:line:col` in the graph"),
          Map.entry(
              "graph.reference-cycle",
              "references between repos form a cycle (KubeStellar's kubestellar <-> ocm-status-addon docs): no release order satisfies both"),
          Map.entry(
              "ref.unversioned", "a reference has no `at:` place and no `unversioned: \"reason\"`"),
          Map.entry(
              "locator.file-missing", "the located file does not exist (or is a dangling link)"),
          Map.entry(
              "locator.path-escape",
              "the path is absolute, climbs out with `..`, or is a symlink leading out of the repo"),
          Map.entry("locator.not-a-file", "the path is a folder"),
          Map.entry("locator.binary", "the file has a NUL byte in its first 8000 bytes"),
          Map.entry("locator.huge", "the file is over 8 MiB"),
          Map.entry(
              "locator.not-utf8", "the file is not UTF-8 (lockstep edits text byte for byte)"),
          Map.entry("locator.unparsable", "a YAML or JSON file does not parse"),
          Map.entry(
              "locator.count",
              "a locator matches another number of places than `count` (default 1) or none with `all: true`"),
          Map.entry(
              "locator.unsafe-edit",
              "the value is a block scalar or holds escapes, so a release could not rewrite it in place"),
          Map.entry(
              "value.floating",
              "`latest`, a branch name, a commit hash or an empty value in the `{version}` slot, whatever the format around it (`ghcr.io/o/p:latest` for `ghcr.io/o/p:{version}`), or an image reference with no tag (`ghcr.io/o/p`); a full commit under `scheme: commit` is a pin"),
          Map.entry(
              "value.format",
              "a version in another common format than declared (`0.2.0` where `v{version}` is declared)"),
          Map.entry(
              "value.not-a-version",
              "anything else that is not a version of the target's [scheme](graph-format.md#version-schemes) in the declared format (`dev-6ee6b58` under `^main-[0-9a-f]{7}$`)"),
          Map.entry(
              "placeholder.mismatch",
              "a place (a chart's `version`/`appVersion` included) does not hold its declared placeholder. On a release commit (HEAD is the very commit a tag in the repo's `tag:` format names, e.g. after `git checkout v0.30.0`), a placeholder of an artifact the repo itself releases may hold that tag's version, written in the place's format: that is what the release commit carries. Any other value there is still flagged, and so is every version at a placeholder on other commits (main, an after-release branch)"),
          Map.entry(
              "chart.name",
              "a chart's `Chart.yaml` `name` is not the last part of its `publish:` path (Helm pushes by the `name`)"),
          Map.entry(
              "disagreement",
              "literal places from one repo name different versions of one artifact (per `stamp`, compared under the target's scheme: `1.29` and `1.30`, `3.19-alpine` and `3.19`): one finding per place that deviates from the expected version (see [blame](#blame)), with the places that are right as related locations; or one tag at different digests (`p:main-6ee6b58@sha256:4f...` and `p:main-6ee6b58@sha256:0f...`): one finding per place whose digest is not the one most places name (ties: the first). The suggested `bump` never names a version lower than a place holds, and names the target's latest release by its own history when that is newer (at KubeStellar v0.29.0, with places at `0.2.0-rc8` and `0.2.0-rc16` and the addon tagged up to `v0.2.0-rc17`, `lockstep bump osa-chart 0.2.0-rc17`)"),
          Map.entry(
              "external.pin-mismatch",
              "a place names an artifact at another version than its repo's [`pin: true` place](graph-format.md#pins-per-repo) (`core-chart/values.yaml` holds kubectl 1.30.13 where KubeStellar's `default_versions.json` pins 1.30.14), or, in a repo with no pin, than the graph's `external: {version}`; `override:` places are exempt. A place newer than its repo's pin is never told to go back: the fix is to move the pin (`lockstep bump kubectl-image 1.31.0`)"),
          Map.entry(
              "self-reference.stale",
              "a literal reference to the writer's own repo differs from its current release: the newest release tag reachable from HEAD, directly or through the main commit its release commit was made on (newest regular one for `stamp: regular`)"),
          Map.entry(
              "self-reference.no-release",
              "the repo has no release tag yet, so its self-references were not checked"),
          Map.entry(
              "undeclared.image",
              "a tracked file writes a known image's `name:tag` where no locator looks, under any spelling of the name: for `docker.io/bitnami/kubectl` also `bitnami/kubectl:latest`, `index.docker.io/...` and `registry-1.docker.io/...`; for `nginx` (`docker.io/library/nginx`) also `nginx:1.25.3`, `library/nginx:...` and `docker.io/nginx:...`"),
          Map.entry(
              "undeclared.chart",
              "a tracked file writes a known chart's OCI path with `--version X` where no locator looks"),
          Map.entry(
              "online.missing",
              "with `--online`: the version a place names does not exist where it would be published (no git tag, image tag or chart version); one finding per place"),
          Map.entry(
              "online.tag-moved",
              "with `--online`: a place pins a tag with a digest (`pipeline:main-6ee6b58@sha256:4f...`), the pinned manifest exists, but the tag now resolves to another digest: the tag moved since the pin was written. The pin still names the image it ran; `lockstep bump pipeline main-6ee6b58 --resolve-digest` takes the new one. One finding per place"),
          Map.entry(
              "online.unreachable",
              "with `--online`: the lookup failed (registry or remote unreachable, credentials refused, nowhere to ask); one finding per lookup, listing every place. A failed lookup is never a pass, and it is not bad input either: exit 1"),
          Map.entry(
              "render.failed",
              "with `--render`: `helm template` fails on the chart (default values); the message carries Helm's first error line"),
          Map.entry(
              "render.image-floating",
              "with `--render`: the rendered chart runs a known image with no tag or a floating one (`latest`, a branch, a commit)"),
          Map.entry(
              "render.image-mismatch",
              "with `--render`: the rendered chart runs a known image at another version than the chart's own reference to it reads (its values key); lists the chart and every such place"),
          Map.entry(
              "render.undeclared",
              "with `--render`: the rendered chart runs a known image but declares no reference to it: a derived reference the graph does not know"),
          Map.entry(
              "repo.not-checked-out",
              "the repo's `path:` does not exist; its files were not verified"),
          Map.entry(
              "undeclared.not-scanned",
              "the repo's folder is not a git work tree, so the undeclared-reference scan (which reads what git tracks) skipped it; shown without `--verbose`"),
          Map.entry("artifact.disabled", "`enabled: false`, with its `reason`"),
          Map.entry(
              "verify.nothing-checked",
              "no place was checked because every repo was skipped (not checked out, or `url:` alone): a gate whose checkouts went missing must not pass; `--allow-skipped` when that is expected"));

  private RuleHelp() {}

  /** When the rule fires, in Markdown, as the rules table says. */
  public static String firesWhen(Rule rule) {
    return FIRES_WHEN.getOrDefault(rule.code(), rule.summary());
  }

  /** The same, as plain text (no backticks, links as their text). */
  public static String plain(Rule rule) {
    return firesWhen(rule).replace("`", "").replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
  }

  /** The rule's row in docs/verify-rules.md. */
  public static String uri(Rule rule) {
    return DOCS + "#" + rule.code();
  }

  /** SARIF's {@code help.markdown}: what fires it, the severity and exit code, and the docs. */
  public static String markdown(Rule rule) {
    return "**"
        + rule.code()
        + "** ("
        + (rule.input() ? "bad input, exit 2" : rule.severity().label())
        + "): "
        + firesWhen(rule).replace("](#", "](" + DOCS + "#")
        + "\n\nEach finding says what to do. See [verify rules]("
        + uri(rule)
        + ").";
  }
}
