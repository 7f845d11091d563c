package dev.lockstep.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A real git repository for tests, built with JGit. Every commit and tag is made by one fixed
 * identity at a fixed clock that advances one minute per commit or tag, so the same sequence of
 * calls gives the same commit ids on every run.
 *
 * <pre>
 * GitFixture.init(dir).write("Chart.yaml", "version: 0.1.0\n").commit("Add chart").tag("v0.1.0");
 * </pre>
 */
public final class GitFixture implements AutoCloseable {
  /** The author, committer and tagger of everything a fixture records. */
  public static final String NAME = "Lockstep Test";

  public static final String EMAIL = "test@lockstep.invalid";

  /** The time of the first commit; each later commit or tag is one minute on. */
  public static final Instant EPOCH = Instant.parse("2025-01-06T09:00:00Z");

  private final Path dir;
  private final Git git;
  private int ticks;

  private GitFixture(Path dir, Git git) {
    this.dir = dir;
    this.git = git;
  }

  /** Creates {@code dir} (and parents) and a repository in it with branch {@code main}. */
  public static GitFixture init(Path dir) {
    try {
      Files.createDirectories(dir);
      Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
      StoredConfig config = git.getRepository().getConfig();
      config.setBoolean("core", null, "autocrlf", false);
      config.setBoolean("core", null, "symlinks", true);
      config.setBoolean("commit", null, "gpgsign", false);
      config.setBoolean("tag", null, "gpgsign", false);
      config.setString("user", null, "name", NAME);
      config.setString("user", null, "email", EMAIL);
      config.save();
      return new GitFixture(dir, git);
    } catch (GitAPIException e) {
      throw new IllegalStateException("git init " + dir + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens an existing repository made by {@link #init} (or any other), continuing its clock. */
  public static GitFixture open(Path dir) {
    try {
      Git git = Git.open(dir.toFile());
      GitFixture f = new GitFixture(dir, git);
      ObjectId head = git.getRepository().resolve("HEAD");
      if (head != null) {
        Instant last = git.getRepository().parseCommit(head).getCommitterIdent().getWhenAsInstant();
        f.ticks = (int) Math.max(0, Duration.between(EPOCH, last).toMinutes() + 1);
      }
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path dir() {
    return dir;
  }

  public Git git() {
    return git;
  }

  /** Writes a UTF-8 text file (creating folders), replacing any file or link there. */
  public GitFixture write(String relPath, String content) {
    return writeBytes(relPath, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes raw bytes (creating folders), replacing any file or link there. */
  public GitFixture writeBytes(String relPath, byte[] content) {
    Path file = path(relPath);
    try {
      Files.createDirectories(file.getParent());
      Files.deleteIfExists(file);
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** The current text of a file of the work tree. */
  public String read(String relPath) {
    try {
      return Files.readString(path(relPath), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Replaces the text {@code from} with {@code to} in a file; fails when {@code from} is not there
   * exactly once, so a fixture never silently plants nothing.
   */
  public GitFixture replace(String relPath, String from, String to) {
    String text = read(relPath);
    int at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) {
      throw new IllegalStateException(relPath + ": expected '" + from + "' exactly once");
    }
    return write(relPath, text.substring(0, at) + to + text.substring(at + from.length()));
  }

  /** Makes {@code relPath} a symbolic link to {@code target} (as written, usually relative). */
  public GitFixture symlink(String relPath, String target) {
    Path link = path(relPath);
    try {
      Files.createDirectories(link.getParent());
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, Path.of(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Removes a file (or link) from the work tree; the next {@link #commit} records the removal. */
  public GitFixture delete(String relPath) {
    try {
      Files.delete(path(relPath));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Stages every change of the work tree (new, changed and removed files) and commits it. */
  public GitFixture commit(String message) {
    try {
      git.add().addFilepattern(".").call();
      git.add().setUpdate(true).addFilepattern(".").call();
      PersonIdent who = next();
      git.commit()
          .setMessage(message)
          .setAuthor(who)
          .setCommitter(who)
          .setSign(false)
          .setAllowEmpty(true)
          .call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException("git commit in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** An annotated tag on {@code HEAD}. */
  public GitFixture tag(String name) {
    return tag(name, "Release " + name);
  }

  public GitFixture tag(String name, String message) {
    try {
      git.tag()
          .setName(name)
          .setAnnotated(true)
          .setMessage(message)
          .setTagger(next())
          .setSigned(false)
          .call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException("git tag " + name + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The commit {@code HEAD} points at. */
  public RevCommit head() {
    try {
      ObjectId id = git.getRepository().resolve("HEAD");
      if (id == null) {
        throw new IllegalStateException(dir + " has no commit yet");
      }
      return git.getRepository().parseCommit(id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when the work tree and index hold no change against {@code HEAD}. */
  public boolean isClean() {
    try {
      return git.status().call().isClean();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path path(String relPath) {
    Path p = dir.resolve(relPath).normalize();
    if (!p.startsWith(dir.normalize())) {
      throw new IllegalArgumentException(relPath + " is outside " + dir);
    }
    return p;
  }

  private PersonIdent next() {
    return new PersonIdent(NAME, EMAIL, EPOCH.plus(Duration.ofMinutes(ticks++)), ZoneOffset.UTC);
  }

  /** True when {@code relPath} is a symbolic link in the work tree. */
  public boolean isSymlink(String relPath) {
    return Files.isSymbolicLink(path(relPath));
  }

  @Override
  public void close() {
    git.close();
  }
}
