package dev.lockstep.survey;

/**
 * Every rule verify applies, with its stable code (scripts and SARIF consumers key on it) and
 * default severity. {@code input} rules mean the graph cannot be checked as written: exit 2.
 */
public enum Rule {
  GRAPH_INVALID("graph.invalid", Severity.ERROR, true, "the graph file cannot be used as written"),
  REFERENCE_CYCLE(
      "graph.reference-cycle", Severity.WARNING, false, "references between repos form a cycle"),
  UNVERSIONED(
      "ref.unversioned",
      Severity.ERROR,
      false,
      "a reference has no place where its version is written"),
  FILE_MISSING(
      "locator.file-missing", Severity.ERROR, true, "a locator names a file that does not exist"),
  PATH_ESCAPE("locator.path-escape", Severity.ERROR, true, "a locator's path leaves its repo"),
  NOT_A_FILE(
      "locator.not-a-file", Severity.ERROR, true, "a locator names something that is not a file"),
  BINARY("locator.binary", Severity.ERROR, true, "a locator names a binary file"),
  HUGE("locator.huge", Severity.ERROR, true, "a locator names a huge file"),
  NOT_UTF8("locator.not-utf8", Severity.ERROR, true, "a locator names a file that is not UTF-8"),
  UNPARSABLE("locator.unparsable", Severity.ERROR, true, "a located file does not parse"),
  COUNT(
      "locator.count",
      Severity.ERROR,
      false,
      "a locator matches another number of places than declared"),
  UNSAFE_EDIT(
      "locator.unsafe-edit",
      Severity.WARNING,
      false,
      "a located value cannot be rewritten byte for byte"),
  NOT_A_VERSION("value.not-a-version", Severity.ERROR, false, "a written value is not a version"),
  FLOATING(
      "value.floating",
      Severity.ERROR,
      false,
      "a written value floats (latest, a branch, a commit)"),
  WRONG_FORMAT(
      "value.format",
      Severity.ERROR,
      false,
      "a version is written in another format than declared"),
  PLACEHOLDER(
      "placeholder.mismatch",
      Severity.ERROR,
      false,
      "a place does not hold its declared placeholder"),
  CHART_NAME(
      "chart.name",
      Severity.ERROR,
      false,
      "a chart's Chart.yaml name differs from the last part of its publish path"),
  DISAGREEMENT(
      "disagreement", Severity.ERROR, false, "places that must agree name different versions"),
  SELF_REFERENCE(
      "self-reference.stale",
      Severity.ERROR,
      false,
      "a self-reference differs from the repo's current release"),
  NO_RELEASE(
      "self-reference.no-release",
      Severity.NOTE,
      false,
      "a repo has no release tag yet; self-references are unchecked"),
  EXTERNAL_PIN(
      "external.pin-mismatch",
      Severity.ERROR,
      false,
      "a reference differs from the version the graph pins"),
  UNDECLARED_IMAGE(
      "undeclared.image",
      Severity.ERROR,
      false,
      "a file names a known image at a tag no locator covers"),
  UNDECLARED_CHART(
      "undeclared.chart",
      Severity.ERROR,
      false,
      "a file installs a known chart at a version no locator covers"),
  ONLINE_MISSING(
      "online.missing",
      Severity.ERROR,
      false,
      "a referenced version does not exist where it is published (--online)"),
  ONLINE_TAG_MOVED(
      "online.tag-moved",
      Severity.WARNING,
      false,
      "a tag pinned with a digest now resolves to another digest (--online)"),
  ONLINE_UNREACHABLE(
      "online.unreachable",
      Severity.ERROR,
      false,
      "a referenced version could not be looked up (--online)"),
  RENDER_FAILED(
      "render.failed", Severity.ERROR, false, "a chart does not render with Helm (--render)"),
  RENDER_FLOATING(
      "render.image-floating",
      Severity.ERROR,
      false,
      "a rendered chart runs a known image at a floating or missing tag (--render)"),
  RENDER_MISMATCH(
      "render.image-mismatch",
      Severity.ERROR,
      false,
      "a rendered chart runs a known image at another version than its values name (--render)"),
  RENDER_UNDECLARED(
      "render.undeclared",
      Severity.WARNING,
      false,
      "a rendered chart runs a known image it declares no reference to (--render)"),
  REPO_SKIPPED(
      "repo.not-checked-out",
      Severity.NOTE,
      false,
      "a repo is not checked out, so it was not verified"),
  NOT_SCANNED(
      "undeclared.not-scanned",
      Severity.NOTE,
      false,
      "a checked-out repo is not a git work tree, so the undeclared-reference scan skipped it"),

  DISABLED("artifact.disabled", Severity.NOTE, false, "an artifact is disabled"),
  NOTHING_CHECKED(
      "verify.nothing-checked",
      Severity.ERROR,
      true,
      "verify checked no place at all (every repo skipped)");

  private final String code;
  private final Severity severity;
  private final boolean input;
  private final String summary;

  Rule(String code, Severity severity, boolean input, String summary) {
    this.code = code;
    this.severity = severity;
    this.input = input;
    this.summary = summary;
  }

  public String code() {
    return code;
  }

  public Severity severity() {
    return severity;
  }

  /** True when the finding means the input cannot be checked (exit 2). */
  public boolean input() {
    return input;
  }

  public String summary() {
    return summary;
  }
}
