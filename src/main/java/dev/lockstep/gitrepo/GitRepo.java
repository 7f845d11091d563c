package dev.lockstep.gitrepo;

import dev.lockstep.model.Version;
import dev.lockstep.model.VersionFormat;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/** Read access to a checked-out repo: its release tags and its tracked files, through JGit. */
public final class GitRepo implements AutoCloseable {
  static {
    SystemReader.setInstance(
        new SystemReader.Delegate(SystemReader.getInstance()) {
          // JGit asks the git binary where the system config lives, a subprocess on every start
          // (about 100 ms). lockstep needs nothing from it.
          @Override
          public FileBasedConfig openSystemConfig(Config parent, FS fs) {
            return new FileBasedConfig(parent, new File("/nonexistent/lockstep/gitconfig"), fs);
          }

          // JGit's own config would make it measure each file store (see FileStoreConfig)
          @Override
          public FileBasedConfig openJGitConfig(Config parent, FS fs) {
            return new FileStoreConfig(parent, fs);
          }
        });
  }

  private final Repository repo;

  /**
   * Runs the static set-up above: for {@link GitWarmUp}, and for code that uses JGit before any
   * repo is opened here (tests that make repos), which would otherwise run JGit unconfigured.
   */
  public static void init() {}

  private GitRepo(Repository repo) {
    this.repo = repo;
  }

  /** The repo whose work tree is {@code root}; empty when {@code root} is not a git checkout. */
  public static Optional<GitRepo> open(Path root) throws IOException {
    if (!Files.exists(root.resolve(".git"))) {
      return Optional.empty();
    }
    Repository r =
        new FileRepositoryBuilder().setWorkTree(root.toFile()).setMustExist(true).setup().build();
    return Optional.of(new GitRepo(r));
  }

  public Repository repository() {
    return repo;
  }

  /** A release: its version, tag name and the commit it peels to. */
  public record Release(Version version, String tag, ObjectId commit) {}

  /** Every tag in {@code format} that parses as a version, newest first. */
  public List<Release> releases(VersionFormat format) throws IOException {
    List<Release> out = new ArrayList<>();
    for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
      String name = ref.getName().substring(Constants.R_TAGS.length());
      Optional<VersionFormat.Written> w = format.parse(name);
      if (w.isEmpty()) {
        continue;
      }
      Ref peeled = repo.getRefDatabase().peel(ref);
      ObjectId commit =
          peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : ref.getObjectId();
      out.add(new Release(w.get().version(), name, commit));
    }
    // Newest first. Plain lambdas, here and in the orders verify sorts by: Comparator.comparing's
    // own are serializable, which the CDS archive does not hold, so each cost every start a class.
    out.sort((a, b) -> b.version().compareTo(a.version()));
    return out;
  }

  /**
   * The newest release tag reachable from HEAD (directly, or through the main commit its release
   * commit was made on): the repo's current release. With {@code regularOnly}, pre-releases are
   * passed over.
   */
  public Optional<Release> currentRelease(VersionFormat format, boolean regularOnly)
      throws IOException {
    return currentRelease(format, regularOnly, Optional.empty());
  }

  /**
   * The current release of HEAD's line, passing over {@code except} (the version a re-run of a
   * release makes, whose release commit sits on top of HEAD).
   */
  public Optional<Release> currentRelease(
      VersionFormat format, boolean regularOnly, Optional<Version> except) throws IOException {
    ObjectId head = repo.resolve(Constants.HEAD);
    if (head == null) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit headCommit = walk.parseCommit(head);
      for (Release r : releases(format)) {
        if ((regularOnly && !r.version().isRegular())
            || except.map(v -> v.compareTo(r.version()) == 0).orElse(false)) {
          continue;
        }
        if (onLine(walk, headCommit, r)) {
          return Optional.of(r);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * What verify asks of a repo's tags, in one pass over them: the current release of HEAD's line,
   * its newest regular release, and the release whose commit HEAD is.
   */
  public record Current(
      Optional<Release> any, Optional<Release> regular, Optional<Release> atHead) {}

  /** {@link #currentRelease} for any and for regular releases, and {@link #releaseAtHead}. */
  public Current current(VersionFormat format) throws IOException {
    ObjectId head = repo.resolve(Constants.HEAD);
    if (head == null) {
      return new Current(Optional.empty(), Optional.empty(), Optional.empty());
    }
    List<Release> releases = releases(format);
    Optional<Release> any = Optional.empty();
    Optional<Release> regular = Optional.empty();
    Optional<Release> atHead = Optional.empty();
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit headCommit = walk.parseCommit(head);
      atHead = releases.stream().filter(r -> r.commit().equals(headCommit)).findFirst();
      for (Release r : releases) {
        if (any.isPresent() && !r.version().isRegular()) {
          continue; // only a regular release is still sought
        }
        if (onLine(walk, headCommit, r)) {
          any = any.isPresent() ? any : Optional.of(r);
          if (r.version().isRegular()) {
            regular = Optional.of(r);
            break;
          }
        }
      }
    }
    return new Current(any, regular, atHead);
  }

  /**
   * True when {@code r} belongs to the line whose head is {@code head}; leaves {@code walk} reset.
   */
  private boolean onLine(RevWalk walk, RevCommit head, Release r) throws IOException {
    RevCommit tagged;
    try {
      tagged = walk.parseCommit(r.commit());
    } catch (IOException e) {
      return false; // a tag of a tree or blob names no release
    }
    // A release commit sits on its own branch on top of main: the release belongs to HEAD's
    // line when the tagged commit, or the main commit it was made on, is in HEAD's history.
    boolean onLine = walk.isMergedInto(tagged, head);
    if (!onLine && tagged.getParentCount() > 0) {
      walk.reset();
      onLine =
          walk.isMergedInto(walk.parseCommit(tagged.getParent(0)), head)
              && !inABranch(walk, tagged, "release-" + r.version());
    }
    walk.reset();
    return onLine;
  }

  /** The names of every tag, without {@code refs/tags/}. */
  public List<String> tagNames() throws IOException {
    List<String> out = new ArrayList<>();
    for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
      out.add(ref.getName().substring(Constants.R_TAGS.length()));
    }
    return out;
  }

  /** The URL of the {@code origin} remote, when there is one. */
  public Optional<String> originUrl() {
    return Optional.ofNullable(repo.getConfig().getString("remote", "origin", "url"));
  }

  /** The text of {@code path} in the commit {@code rev} names; empty when either is missing. */
  public Optional<String> readAt(String rev, String path) throws IOException {
    ObjectId commit = repo.resolve(rev + "^{commit}");
    if (commit == null) {
      return Optional.empty();
    }
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit c = walk.parseCommit(commit);
      try (org.eclipse.jgit.treewalk.TreeWalk tw =
          org.eclipse.jgit.treewalk.TreeWalk.forPath(repo, path, c.getTree())) {
        if (tw == null) {
          return Optional.empty();
        }
        byte[] bytes = repo.open(tw.getObjectId(0)).getBytes();
        return Optional.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
  }

  /**
   * True when {@code commit} is in the history of a branch (local or remote-tracking) other than
   * its own release branch: a commit of another line (v2.0.0-alpha.1 tagged on main right after the
   * commit release-1.0 was cut from), not a release commit made on top of this line.
   */
  private boolean inABranch(RevWalk walk, RevCommit commit, String releaseBranch)
      throws IOException {
    List<Ref> refs = new ArrayList<>(repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS));
    refs.addAll(repo.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES));
    for (Ref ref : refs) {
      ObjectId id = ref.getObjectId();
      String name = ref.getName();
      if (id == null
          || ref.isSymbolic()
          || name.equals(Constants.R_HEADS + releaseBranch)
          || (name.startsWith(Constants.R_REMOTES) && name.endsWith("/" + releaseBranch))) {
        continue;
      }
      walk.reset();
      RevCommit tip;
      try {
        tip = walk.parseCommit(id);
      } catch (IOException e) {
        continue;
      }
      if (walk.isMergedInto(commit, tip)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when {@code release} was made from HEAD: its commit is HEAD or sits directly on it (a
   * release commit on its own branch), so making it again is a re-run.
   */
  public boolean madeFromHead(Release release) throws IOException {
    ObjectId head = repo.resolve(Constants.HEAD);
    if (head == null) {
      return false;
    }
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit tagged = walk.parseCommit(release.commit());
      return tagged.equals(head)
          || (tagged.getParentCount() > 0
              && tagged.getParent(0).equals(head)
              && !inABranch(walk, tagged, "release-" + release.version()));
    } catch (IOException e) {
      return false; // a tag of a tree or blob
    }
  }

  /** The short name of the branch HEAD is on; empty when HEAD is detached or unborn. */
  public Optional<String> currentBranch() throws IOException {
    Ref head = repo.exactRef(Constants.HEAD);
    if (head == null || !head.isSymbolic()) {
      return Optional.empty();
    }
    String name = head.getTarget().getName();
    return name.startsWith(Constants.R_HEADS)
        ? Optional.of(name.substring(Constants.R_HEADS.length()))
        : Optional.empty();
  }

  /** The paths git tracks (from the index), with {@code /} separators, in index order. */
  public List<String> trackedFiles() throws IOException {
    return tracked(DirCache.read(repo));
  }

  /**
   * {@link #trackedFiles()} of the checkout at {@code root}, read from its index without opening
   * the repo when its {@code .git} is a folder (a worktree's or submodule's {@code .git} file goes
   * through the repo): the open reads configs, refs and packs, about 40 ms of verify's path to the
   * scan on a cold JVM. Empty when {@code root} is not a git checkout.
   */
  public static Optional<List<String>> trackedFiles(Path root) throws IOException {
    Path dotGit = root.resolve(".git");
    if (Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(tracked(DirCache.read(dotGit.resolve("index").toFile(), FS.DETECTED)));
    }
    Optional<GitRepo> git = open(root);
    if (git.isEmpty()) {
      return Optional.empty();
    }
    try (GitRepo g = git.get()) {
      return Optional.of(g.trackedFiles());
    }
  }

  private static List<String> tracked(DirCache index) {
    List<String> out = new ArrayList<>(index.getEntryCount());
    for (int i = 0; i < index.getEntryCount(); i++) {
      var e = index.getEntry(i);
      if (e.getStage() == 0 && e.getFileMode().getObjectType() == Constants.OBJ_BLOB) {
        out.add(pathString(e));
      }
    }
    return out;
  }

  /**
   * An index entry's path: an ASCII path as its bytes (JGit's own decoding runs a charset decoder
   * per entry, a third of reading a large index), any other as JGit decodes it.
   */
  private static String pathString(org.eclipse.jgit.dircache.DirCacheEntry e) {
    byte[] raw = e.getRawPath();
    for (byte b : raw) {
      if (b < 0) {
        return e.getPathString();
      }
    }
    return new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /**
   * How many commits HEAD has that {@code release} (a release commit) does not: 0 right after a
   * release, whose commit sits on top of the branch head it was made from.
   */
  public int commitsSince(ObjectId release) throws IOException {
    ObjectId head = repo.resolve(Constants.HEAD);
    if (head == null) {
      return 0;
    }
    try (RevWalk walk = new RevWalk(repo)) {
      walk.markStart(walk.parseCommit(head));
      walk.markUninteresting(walk.parseCommit(release));
      int n = 0;
      for (RevCommit c : walk) {
        n++;
      }
      return n;
    }
  }

  /**
   * The release tag in {@code format} that names HEAD's commit itself: HEAD is that release's
   * commit (a checkout of the tag), not a commit it was made on or after.
   */
  public Optional<Release> releaseAtHead(VersionFormat format) throws IOException {
    ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
    if (head == null) {
      return Optional.empty();
    }
    return releases(format).stream().filter(r -> r.commit().equals(head)).findFirst();
  }

  @Override
  public void close() {
    repo.close();
  }
}
