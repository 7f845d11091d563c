package dev.lockstep.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Writes a set of files as one unit: every new content is staged first, a journal is committed,
 * then the files are put in place one by one. A run killed before the commit leaves every file as
 * it was (the next run deletes what was staged); a run killed after it is completed by the next run
 * ({@link #recover}), so every file of the set ends all-old or all-new.
 *
 * <p>Staged files live in a staging folder per repo ({@link #stagingDirOf}): inside the repo's git
 * folder, where git never lists them, or {@code .lockstep-staging} in a folder that is not a git
 * work tree. A file is renamed into place when that keeps it whole: the staging folder is on its
 * file system, the file has one link, and the staged copy could take its owner and group. Otherwise
 * (a hard-linked file, a file owned by someone else, a staging folder on another file system) its
 * content is written in place after the commit, from the staged copy, so links, owner and inode
 * stay; the journal makes that step repeatable after a kill.
 */
public final class StagedFiles {
  static final String JOURNAL = ".journal";
  static final String HEADER = "lockstep-staged-files 1";
  static final String LOCK = "lock";

  private StagedFiles() {}

  /** How the run reports its steps (for {@code --progress} and kill tests). */
  public interface Progress extends Consumer<String> {
    Progress NONE = line -> {};
  }

  /** A file to write: its current content (to recognise it later) and the new one. */
  public record Change(Path stagingDir, Path target, byte[] before, byte[] after) {}

  /**
   * The staging folder for files of the repo checked out at {@code repoRoot}: {@code
   * .git/lockstep-staging} (or the git folder a {@code .git} file names), else {@code
   * .lockstep-staging}.
   */
  public static Path stagingDirOf(Path repoRoot) {
    Path dotGit = repoRoot.resolve(".git");
    if (Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS)) {
      return dotGit.resolve("lockstep-staging");
    }
    if (Files.isRegularFile(dotGit, LinkOption.NOFOLLOW_LINKS)) {
      try {
        String first = Files.readAllLines(dotGit, StandardCharsets.UTF_8).get(0).strip();
        if (first.startsWith("gitdir:")) {
          Path gitDir = repoRoot.resolve(first.substring("gitdir:".length()).strip()).normalize();
          if (Files.isDirectory(gitDir)) {
            return gitDir.resolve("lockstep-staging");
          }
        }
      } catch (IOException | IndexOutOfBoundsException e) {
        // fall through: stage beside the files
      }
    }
    return repoRoot.resolve(".lockstep-staging");
  }

  /** Thrown when another process is writing through the same staging folder. */
  public static final class BusyException extends IOException {
    BusyException(Path dir) {
      super("another lockstep run is writing files staged in " + dir + "; try again when it ends");
    }
  }

  /**
   * Writes every change as one unit (see the class comment). Changes whose target already holds the
   * new content are skipped.
   */
  public static void write(List<Change> changes, Progress progress) throws IOException {
    if (changes.isEmpty()) {
      return;
    }
    TreeSet<Path> dirs = new TreeSet<>();
    changes.forEach(c -> dirs.add(c.stagingDir().toAbsolutePath().normalize()));
    Map<Path, Locked> locks = new LinkedHashMap<>();
    try {
      for (Path dir : dirs) {
        Locked l = Locked.tryLock(dir);
        if (l == null) {
          throw new BusyException(dir);
        }
        locks.put(dir, l);
      }
      String run =
          "run-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
      Path journalDir = dirs.first();
      List<Entry> entries = new ArrayList<>();
      int n = 0;
      for (Change c : changes) {
        Path dir = c.stagingDir().toAbsolutePath().normalize();
        Path target = c.target().toRealPath();
        Path staged = dir.resolve(run).resolve(String.format("%04d", n++));
        entries.add(new Entry(Mode.RENAME, staged, target, sha256(c.before()), sha256(c.after())));
      }
      Path journal = journalDir.resolve(run + JOURNAL);
      writeJournal(journal, false, entries);
      for (int i = 0; i < entries.size(); i++) {
        entries.set(i, stage(entries.get(i), changes.get(i).after()));
        progress.accept(
            "staging "
                + (i + 1)
                + "/"
                + entries.size()
                + ": "
                + entries.get(i).target().getFileName());
      }
      writeJournal(journal, true, entries);
      progress.accept("staged " + entries.size() + " file(s)");
      finish(journal, entries, progress);
    } finally {
      for (Locked l : locks.values()) {
        l.close();
      }
    }
  }

  /**
   * Completes or undoes what a killed run left in these staging folders: a committed journal is
   * carried out, anything staged without one is deleted. Folders another process is writing through
   * are left alone. Returns one line per completed or discarded run.
   */
  public static List<String> recover(Collection<Path> stagingDirs) throws IOException {
    List<String> report = new ArrayList<>();
    Map<Path, Locked> locks = new LinkedHashMap<>();
    boolean all = true;
    try {
      for (Path d :
          new TreeSet<>(stagingDirs.stream().map(p -> p.toAbsolutePath().normalize()).toList())) {
        if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Locked l = Locked.tryLock(d);
        if (l != null) {
          locks.put(d, l);
        } else {
          all = false;
        }
      }
      Set<String> live = new HashSet<>();
      for (Path dir : locks.keySet()) {
        for (Path journal : list(dir)) {
          String name = journal.getFileName().toString();
          if (!name.endsWith(JOURNAL)) {
            continue;
          }
          Journal j;
          try {
            j = readJournal(journal);
          } catch (IOException | IllegalArgumentException e) {
            Files.deleteIfExists(journal);
            report.add("discarded an unreadable journal of an interrupted write: " + journal);
            continue;
          }
          if (!j.entries().stream()
              .allMatch(e -> locks.containsKey(e.staged().getParent().getParent()))) {
            live.add(name.substring(0, name.length() - JOURNAL.length()));
            continue; // part of it is being written by another process
          }
          if (j.committed()) {
            List<String> skipped = new ArrayList<>();
            List<Entry> entries = new ArrayList<>();
            for (Entry e : j.entries()) {
              String now = Files.exists(e.target()) ? sha256(Files.readAllBytes(e.target())) : "";
              if (Files.exists(e.staged()) && !now.equals(e.before()) && !now.equals(e.after())) {
                skipped.add(e.target().toString());
                Files.deleteIfExists(e.staged());
              } else {
                entries.add(e);
              }
            }
            finish(journal, entries, Progress.NONE);
            report.add(
                "completed an interrupted write of "
                    + j.entries().size()
                    + " file(s)"
                    + (skipped.isEmpty()
                        ? ""
                        : "; left alone, changed since: " + String.join(", ", skipped)));
          } else {
            for (Entry e : j.entries()) {
              Files.deleteIfExists(e.staged());
            }
            Files.deleteIfExists(journal);
            report.add(
                "discarded an interrupted write of "
                    + j.entries().size()
                    + " file(s) (nothing of it was in place)");
          }
        }
      }
      // Whatever is left (staged copies and temp files without a journal) belongs to no run, unless
      // a run that holds one of the folders keeps its journal there.
      for (Path dir : all ? locks.keySet() : Set.<Path>of()) {
        for (Path p : list(dir)) {
          String name = p.getFileName().toString();
          if (name.equals(LOCK) || live.contains(name) || name.endsWith(JOURNAL)) {
            continue;
          }
          deleteTree(p);
        }
      }
    } finally {
      for (Locked l : locks.values()) {
        l.close();
      }
    }
    return report;
  }

  enum Mode {
    RENAME,
    IN_PLACE
  }

  record Entry(Mode mode, Path staged, Path target, String before, String after) {}

  record Journal(boolean committed, List<Entry> entries) {}

  /** Writes the staged copy of one entry and decides how it goes into place. */
  private static Entry stage(Entry e, byte[] content) throws IOException {
    Files.createDirectories(e.staged().getParent());
    try (FileChannel ch =
        FileChannel.open(e.staged(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Path target = e.target();
    boolean rename = sameStore(e.staged().getParent(), target.getParent());
    try {
      Map<String, Object> attrs = Files.readAttributes(target, "unix:uid,gid,mode,nlink");
      Set<PosixFilePermission> perms =
          PosixFilePermissions.fromString(modeString((Integer) attrs.get("mode")));
      Files.setPosixFilePermissions(e.staged(), perms);
      if (((Integer) attrs.get("nlink")) > 1) {
        rename = false;
      }
      if (rename && !attrs.get("uid").equals(Files.getAttribute(e.staged(), "unix:uid"))) {
        rename = trySet(e.staged(), "unix:uid", attrs.get("uid"));
      }
      if (rename && !attrs.get("gid").equals(Files.getAttribute(e.staged(), "unix:gid"))) {
        rename = trySet(e.staged(), "unix:gid", attrs.get("gid"));
      }
    } catch (UnsupportedOperationException | IllegalArgumentException ex) {
      // no unix view: a rename keeps what the platform keeps
    }
    return new Entry(
        rename ? Mode.RENAME : Mode.IN_PLACE, e.staged(), target, e.before(), e.after());
  }

  private static boolean trySet(Path p, String attribute, Object value) {
    try {
      Files.setAttribute(p, attribute, value);
      return true;
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  private static String modeString(int mode) {
    String rwx = "rwxrwxrwx";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      sb.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
    }
    return sb.toString();
  }

  private static boolean sameStore(Path a, Path b) {
    try {
      FileStore sa = Files.getFileStore(a);
      FileStore sb = Files.getFileStore(b);
      return sa.equals(sb);
    } catch (IOException e) {
      return false;
    }
  }

  /** Puts every committed entry in place, then removes the journal and the staged copies. */
  private static void finish(Path journal, List<Entry> entries, Progress progress)
      throws IOException {
    int i = 0;
    for (Entry e : entries) {
      i++;
      if (Files.exists(e.staged(), LinkOption.NOFOLLOW_LINKS)) {
        if (e.mode() == Mode.RENAME) {
          AtomicFiles.moveIntoPlace(e.staged(), e.target());
        } else {
          writeInPlace(e.target(), Files.readAllBytes(e.staged()));
          Files.delete(e.staged());
        }
      }
      progress.accept("wrote " + i + "/" + entries.size() + ": " + e.target().getFileName());
    }
    Files.deleteIfExists(journal);
    Set<Path> runDirs = new TreeSet<>(Comparator.reverseOrder());
    entries.forEach(e -> runDirs.add(e.staged().getParent()));
    String run = journal.getFileName().toString();
    run = run.substring(0, run.length() - JOURNAL.length());
    runDirs.add(journal.resolveSibling(run));
    for (Path d : runDirs) {
      deleteTree(d);
    }
  }

  /** Rewrites a file's content through its own inode: links, owner and mode stay. */
  private static void writeInPlace(Path target, byte[] content) throws IOException {
    try (FileChannel ch =
        FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  static void writeJournal(Path journal, boolean committed, List<Entry> entries)
      throws IOException {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    sb.append(committed ? "committed" : "staging").append('\n');
    Base64.Encoder b64 = Base64.getUrlEncoder();
    for (Entry e : entries) {
      sb.append(e.mode())
          .append(' ')
          .append(b64.encodeToString(e.staged().toString().getBytes(StandardCharsets.UTF_8)))
          .append(' ')
          .append(b64.encodeToString(e.target().toString().getBytes(StandardCharsets.UTF_8)))
          .append(' ')
          .append(e.before())
          .append(' ')
          .append(e.after())
          .append('\n');
    }
    sb.append("end\n");
    Files.createDirectories(journal.getParent());
    AtomicFiles.write(journal, sb.toString());
  }

  static Journal readJournal(Path journal) throws IOException {
    List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
    if (lines.size() < 3
        || !lines.get(0).equals(HEADER)
        || !lines.get(lines.size() - 1).equals("end")) {
      throw new IOException("not a journal: " + journal);
    }
    boolean committed = lines.get(1).equals("committed");
    Base64.Decoder b64 = Base64.getUrlDecoder();
    List<Entry> entries = new ArrayList<>();
    for (String line : lines.subList(2, lines.size() - 1)) {
      String[] f = line.split(" ");
      if (f.length != 5) {
        throw new IOException("not a journal line: " + line);
      }
      entries.add(
          new Entry(
              Mode.valueOf(f[0]),
              Path.of(new String(b64.decode(f[1]), StandardCharsets.UTF_8)),
              Path.of(new String(b64.decode(f[2]), StandardCharsets.UTF_8)),
              f[3],
              f[4]));
    }
    return new Journal(committed, entries);
  }

  private static List<Path> list(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(out::add);
    } catch (NoSuchFileException e) {
      return out;
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> walk = Files.walk(p)) {
        for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(q);
        }
      }
    } else {
      Files.deleteIfExists(p);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An operating-system lock on a staging folder; the folder is removed when left empty. */
  private static final class Locked implements AutoCloseable {
    final Path dir;
    final FileChannel channel;
    final FileLock lock;

    private Locked(Path dir, FileChannel channel, FileLock lock) {
      this.dir = dir;
      this.channel = channel;
      this.lock = lock;
    }

    static Locked tryLock(Path dir) throws IOException {
      Files.createDirectories(dir);
      FileChannel ch =
          FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        ch.close();
        return null;
      }
      return new Locked(dir, ch, l);
    }

    @Override
    public void close() throws IOException {
      try {
        if (list(dir).stream().allMatch(p -> p.getFileName().toString().equals(LOCK))) {
          Files.deleteIfExists(dir.resolve(LOCK));
          Files.deleteIfExists(dir);
        }
      } finally {
        lock.release();
        channel.close();
      }
    }
  }
}
