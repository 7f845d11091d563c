package dev.lockstep.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A git repository and a release unit: one version line, tagged as {@link #tagFormat()}.
 *
 * <pre>
 * repos:
 *   kubestellar: { path: .., url: https://github.com/kubestellar/kubestellar, tag: "v{version}" }
 * </pre>
 *
 * @param root the absolute, normalized path where the repo is checked out (it may be absent)
 * @param scanExclude glob patterns of tracked files the undeclared-reference scan passes over
 * @param local false when this run must not read the repo's files even if they exist (an audit of
 *     another repo's release reads that release alone)
 */
public record Repo(
    ArtifactId id,
    Path root,
    Optional<String> url,
    VersionFormat tagFormat,
    String branch,
    List<String> scanExclude,
    Source source,
    boolean local) {

  public Repo {
    scanExclude = List.copyOf(scanExclude);
  }

  /** Where the repo is checked out, when it is and this run may read it. */
  public Optional<Path> checkout() {
    return local && Files.isDirectory(root) ? Optional.of(root) : Optional.empty();
  }

  /** The same repo read from {@code other}, e.g. an extract of its release commit. */
  public Repo at(Path other) {
    return new Repo(id, other, url, tagFormat, branch, scanExclude, source, true);
  }

  /** The same repo, treated as not checked out. */
  public Repo away() {
    return new Repo(id, root, url, tagFormat, branch, scanExclude, source, false);
  }

  public String tagFor(Version version) {
    return tagFormat.render(version);
  }
}
