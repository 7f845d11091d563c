package dev.lockstep.locate;

import dev.lockstep.locate.LocateException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the files of one repo that locators name, refusing paths that leave the repo (directly or
 * through a symlink), binary files and huge files. Each file is read once per run.
 */
public final class RepoFiles {
  /** Version pins live in small text files; anything larger is a mistake in the graph. */
  public static final long MAX_BYTES = 8L * 1024 * 1024;

  private static final int BINARY_PROBE = 8000;

  private final Path root;
  private Path realRoot;
  private final Map<String, TextFile> cache = new HashMap<>();

  public RepoFiles(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /**
   * The text of a repo-relative file, read once per run. Safe to call from several threads: files
   * are read outside the lock, and two threads racing for one file keep the first text read.
   */
  public TextFile read(String relPath) throws LocateException {
    synchronized (cache) {
      TextFile cached = cache.get(relPath);
      if (cached != null) {
        return cached;
      }
    }
    TextFile t = load(relPath);
    synchronized (cache) {
      TextFile prior = cache.putIfAbsent(relPath, t);
      return prior != null ? prior : t;
    }
  }

  private TextFile load(String relPath) throws LocateException {
    Path file = resolve(relPath);
    ReadBuffer buffer = ReadBuffer.local();
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new LocateException(
            Reason.HUGE,
            relPath
                + " is "
                + size / (1024 * 1024)
                + " MiB, over the "
                + MAX_BYTES / (1024 * 1024)
                + " MiB limit for a file that pins versions",
            "point the locator at the file that holds the version");
      }
      if (!buffer.read(file, MAX_BYTES)) { // bounded, even if the file grows meanwhile
        throw new LocateException(
            Reason.HUGE,
            relPath + " is over the " + MAX_BYTES / (1024 * 1024) + " MiB limit",
            "point the locator at the file that holds the version");
      }
    } catch (IOException e) {
      throw new LocateException(
          Reason.FILE_MISSING,
          "cannot read " + relPath + ": " + e.getMessage(),
          "check the file's permissions");
    }
    if (isBinary(buffer.bytes(), buffer.length())) {
      throw new LocateException(
          Reason.BINARY, relPath + " is a binary file", "point the locator at a text file");
    }
    String text = utf8(buffer.bytes(), buffer.length());
    if (text == null) {
      throw new LocateException(
          Reason.NOT_UTF8,
          relPath + " is not UTF-8 text",
          "convert it to UTF-8; lockstep edits text byte for byte");
    }
    return TextFile.of(relPath, file, text);
  }

  /**
   * {@code bytes} as strict UTF-8, or null when they are not UTF-8. The lenient decoder is several
   * times faster and puts U+FFFD for each malformed sequence, so a text without U+FFFD decoded
   * cleanly; one with U+FFFD is decoded again strictly (the file may hold a real U+FFFD).
   */
  public static String utf8(byte[] bytes) {
    return utf8(bytes, bytes.length);
  }

  /** {@link #utf8(byte[])} of the first {@code length} bytes of a buffer. */
  public static String utf8(byte[] bytes, int length) {
    String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') < 0) {
      return text;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, length))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** True when the first bytes hold a NUL, git's own test for binary content. */
  public static boolean isBinary(byte[] bytes) {
    return isBinary(bytes, bytes.length);
  }

  /** {@link #isBinary(byte[])} for the first {@code length} bytes of a buffer. */
  public static boolean isBinary(byte[] bytes, int length) {
    int n = Math.min(length, BINARY_PROBE);
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  /** The absolute path of a repo-relative path, refusing any that leaves the repo. */
  public Path resolve(String relPath) throws LocateException {
    if (relPath.isEmpty()
        || relPath.startsWith("/")
        || relPath.contains("\\")
        || Path.of(relPath).isAbsolute()) {
      throw new LocateException(
          Reason.PATH_ESCAPE,
          "path '" + relPath + "' must be relative to its repo's root",
          "write it relative to the repo, with / separators");
    }
    Path file = root.resolve(relPath).normalize();
    if (!file.startsWith(root)) {
      throw new LocateException(
          Reason.PATH_ESCAPE,
          "path '" + relPath + "' leaves its repo " + root,
          "name a file inside the repo, or declare the other repo and put the reference there");
    }
    if (inGitFolder(root.relativize(file))) {
      throw new LocateException(
          Reason.PATH_ESCAPE,
          "path '" + relPath + "' lies inside .git, git's own store (it may hold credentials)",
          "name a file git tracks, not one of git's own");
    }
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new LocateException(
          Reason.FILE_MISSING,
          relPath + " does not exist in " + root,
          "fix the path in the graph, or restore the file");
    }
    try {
      Path real = file.toRealPath();
      if (!real.startsWith(realRoot())) {
        throw new LocateException(
            Reason.PATH_ESCAPE,
            relPath + " is a symlink that leaves its repo (to " + real + ")",
            "point the locator at the real file inside the repo");
      }
      if (inGitFolder(realRoot().relativize(real))) {
        throw new LocateException(
            Reason.PATH_ESCAPE,
            relPath + " is a symlink into .git, git's own store",
            "point the locator at the real file inside the repo");
      }
      if (!Files.isRegularFile(real)) {
        throw new LocateException(
            Reason.NOT_A_FILE, relPath + " is not a regular file", "name a file, not a folder");
      }
      return real;
    } catch (NoSuchFileException e) {
      throw new LocateException(
          Reason.FILE_MISSING, relPath + " is a dangling symlink", "fix or remove the link");
    } catch (IOException e) {
      throw new LocateException(
          Reason.FILE_MISSING,
          "cannot resolve " + relPath + ": " + e.getMessage(),
          "check the path");
    }
  }

  /** Walks at most this many entries of a packaged folder looking for links. */
  private static final int MAX_WALK = 100_000;

  /**
   * The symlinks at or under {@code relPath} (a chart folder, an image layer's source) that lead
   * out of the repo or into {@code .git}, repo-relative: what would be packaged from them is a file
   * of the machine, not of the repo. Links that stay inside are fine (they are followed). Empty
   * when the path does not exist.
   */
  public List<String> leavingLinks(String relPath) throws IOException {
    Path start = root.resolve(relPath.isEmpty() ? "." : relPath).normalize();
    if (!start.startsWith(root) || !Files.exists(start, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    Path realRoot = realRoot();
    try (Stream<Path> walk = Files.walk(start)) {
      Iterator<Path> it = walk.limit(MAX_WALK).iterator();
      while (it.hasNext()) {
        Path p = it.next();
        if (!Files.isSymbolicLink(p)) {
          continue;
        }
        boolean leaves;
        try {
          Path real = p.toRealPath();
          leaves = !real.startsWith(realRoot) || inGitFolder(realRoot.relativize(real));
        } catch (IOException e) {
          leaves = Files.readSymbolicLink(p).isAbsolute(); // dangling: only its text tells
        }
        if (leaves) {
          out.add(root.relativize(p).toString());
        }
      }
    }
    return out;
  }

  /** True when a repo-relative path has a {@code .git} part. */
  public static boolean inGitFolder(Path rel) {
    for (Path part : rel) {
      if (part.toString().equals(".git")) {
        return true;
      }
    }
    return false;
  }

  private synchronized Path realRoot() throws IOException {
    if (realRoot == null) {
      realRoot = root.toRealPath();
    }
    return realRoot;
  }
}
