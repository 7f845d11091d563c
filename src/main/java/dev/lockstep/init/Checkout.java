package dev.lockstep.init;

import dev.lockstep.gitrepo.GitRepo;
import dev.lockstep.locate.RepoFiles;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.Version;
import dev.lockstep.model.VersionFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One checkout as init reads it: its tags, its origin, and the text of every tracked file, read
 * once (binary and huge files are passed over).
 */
final class Checkout implements AutoCloseable {
  final Path root;
  final GitRepo git;
  String id;
  String tagPrefix;

  /** Release versions from the tags in {@link #tagPrefix}, newest first. */
  final List<Version> releases = new ArrayList<>();

  final Map<Version, String> tagOf = new HashMap<>();
  Optional<Version> current = Optional.empty();

  /** Tracked text files by repo-relative path, in index order. */
  final Map<String, String> files = new LinkedHashMap<>();

  private Checkout(Path root, GitRepo git) {
    this.root = root;
    this.git = git;
  }

  static Checkout open(Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    Optional<GitRepo> git = GitRepo.open(root);
    if (git.isEmpty()) {
      throw BadInputException.plain(
          root + " is not a git checkout; pass the folders of the repos to draft (git clone them)");
    }
    Checkout c = new Checkout(root, git.get());
    c.id = root.getFileName() == null ? "repo" : root.getFileName().toString();
    c.readTags();
    c.readFiles();
    return c;
  }

  private void readTags() throws IOException {
    Map<String, Integer> prefixes = new LinkedHashMap<>();
    for (String tag : git.tagNames()) {
      prefix(tag).ifPresent(p -> prefixes.merge(p, 1, Integer::sum));
    }
    tagPrefix =
        prefixes.entrySet().stream()
            .max(
                (a, b) ->
                    a.getValue().equals(b.getValue())
                        ? Boolean.compare(a.getKey().equals("v"), b.getKey().equals("v"))
                        : Integer.compare(a.getValue(), b.getValue()))
            .map(Map.Entry::getKey)
            .orElse(null);
    if (tagPrefix == null) {
      return;
    }
    VersionFormat format = tagFormat();
    for (GitRepo.Release r : git.releases(format)) {
      releases.add(r.version());
      tagOf.put(r.version(), r.tag());
    }
    current = git.currentRelease(format, false).map(GitRepo.Release::version);
  }

  /** The text before the version of a tag such as {@code chart-v1.2.3}, when it has one. */
  static Optional<String> prefix(String tag) {
    for (int i = 0; i < tag.length(); i++) {
      if (Character.isDigit(tag.charAt(i))) {
        String p = tag.substring(0, i);
        if (p.matches("[A-Za-z0-9._/-]*") && Version.parse(tag.substring(i)).isPresent()) {
          return Optional.of(p);
        }
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  VersionFormat tagFormat() {
    return VersionFormat.of((tagPrefix == null ? "v" : tagPrefix) + "{version}");
  }

  Optional<Version> currentRegular() {
    return releases.stream()
        .filter(Version::isRegular)
        .filter(v -> current.isPresent() && v.compareTo(current.get()) <= 0)
        .findFirst();
  }

  private void readFiles() throws IOException {
    for (String rel : git.trackedFiles()) {
      Path file = root.resolve(rel);
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          || Files.size(file) > RepoFiles.MAX_BYTES) {
        continue;
      }
      byte[] bytes = Files.readAllBytes(file);
      if (RepoFiles.isBinary(bytes)) {
        continue;
      }
      files.put(rel, new String(bytes, StandardCharsets.UTF_8));
    }
  }

  /** The text of {@code path} at the release {@code v}, when the tag and the file exist. */
  Optional<String> at(Version v, String path) {
    String tag = tagOf.get(v);
    if (tag == null) {
      return Optional.empty();
    }
    try {
      return git.readAt(tag, path);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    git.close();
  }
}
