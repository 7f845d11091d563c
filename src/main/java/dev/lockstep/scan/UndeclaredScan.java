package dev.lockstep.scan;

import dev.lockstep.locate.ReadBuffer;
import dev.lockstep.locate.RepoFiles;
import dev.lockstep.model.Artifact;
import dev.lockstep.model.Floating;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.oci.ImageName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds versions of known artifacts written in tracked files: the dotted edges nobody declared.
 * Files are matched as Latin-1 (one char per byte, so names match at byte speed); positions are
 * converted to UTF-8 character columns only for the rare hit.
 */
public final class UndeclaredScan {
  private final List<Needle> needles = new ArrayList<>();

  /**
   * Needles grouped by their anchor, the host and first path part ({@code ghcr.io/kubestellar/}, or
   * the whole name when it has fewer parts): one pass finds every anchor, and the longer the
   * shortest anchor, the further the pass skips (on 2,000 files, 11.6 bytes a step where the host
   * alone gave 6.6).
   */
  private final java.util.Map<String, List<Needle>> byAnchor = new java.util.LinkedHashMap<>();

  /** The anchors in {@link #byAnchor}'s order. */
  private String[] anchors = new String[0];

  /**
   * For each pair of leading Latin-1 chars, the indexes of the anchors that start with it: one pass
   * over a file finds every anchor, where an {@code indexOf} per anchor read it once per anchor.
   * Anchors that cannot be keyed so (one char, or a char above Latin-1) are in {@link #unkeyed}.
   */
  private final int[][] byPair = new int[1 << 16][];

  private int[] unkeyed = new int[0];

  /**
   * The length of the shortest keyed anchor, and for each pair of Latin-1 chars how far the search
   * may move when the pair ends the current window of that length (Wu and Manber's shift table):
   * most windows hold no anchor's pair, so the search moves by almost a window at a time instead of
   * by one char.
   */
  private int window;

  private int[] shift;

  private UndeclaredScan() {}

  /**
   * The needles of a graph: every enabled image under each spelling of its name ({@code
   * bitnami/kubectl} is {@code docker.io/bitnami/kubectl}, {@code nginx} is {@code
   * docker.io/library/nginx}) and every chart's OCI path.
   */
  public static UndeclaredScan of(ReleaseGraph graph) {
    return of(graph, id -> {});
  }

  /** As {@link #of(ReleaseGraph)}; {@code skipped} hears each disabled artifact passed over. */
  public static UndeclaredScan of(
      ReleaseGraph graph, java.util.function.Consumer<dev.lockstep.model.ArtifactId> skipped) {
    UndeclaredScan s = new UndeclaredScan();
    for (Artifact a : graph.artifacts().values()) {
      if (!a.enabled()) {
        skipped.accept(a.id());
        continue;
      }
      // Images and published charts are named in text; hooks and files are not.
      s.needles.addAll(
          a.match(
              i ->
                  spellings(i.name()).stream()
                      .map(n -> new Needle(UndeclaredPlace.Kind.IMAGE, i.id(), n))
                      .toList(),
              c ->
                  c.publishPath().stream()
                      .map(p -> new Needle(UndeclaredPlace.Kind.CHART, c.id(), p))
                      .toList(),
              h -> List.<Needle>of(),
              f -> List.<Needle>of(),
              asset -> List.<Needle>of()));
    }
    s.index();
    return s;
  }

  /** The name as the graph writes it, then every other spelling of it. */
  private static List<String> spellings(String name) {
    List<String> out = new ArrayList<>(List.of(name));
    try {
      for (String other : ImageName.parse(name).spellings()) {
        if (!out.contains(other)) {
          out.add(other);
        }
      }
    } catch (IllegalArgumentException e) {
      // the loader refuses such a name; scan for it as written
    }
    return out;
  }

  private void index() {
    for (Needle n : needles) {
      int slash = n.text().indexOf('/');
      int second = slash < 0 ? -1 : n.text().indexOf('/', slash + 1);
      String anchor = second > 0 ? n.text().substring(0, second + 1) : n.text();
      byAnchor.computeIfAbsent(anchor, a -> new ArrayList<>()).add(n);
    }
    anchors = byAnchor.keySet().toArray(new String[0]);
    for (int a = 0; a < anchors.length; a++) {
      String t = anchors[a];
      if (t.length() < 2 || t.charAt(0) > 0xff || t.charAt(1) > 0xff) {
        unkeyed = append(unkeyed, a);
        continue;
      }
      int key = (t.charAt(0) << 8) | t.charAt(1);
      byPair[key] = append(byPair[key] == null ? new int[0] : byPair[key], a);
      window = window == 0 ? t.length() : Math.min(window, t.length());
    }
    shift = new int[1 << 16];
    java.util.Arrays.fill(shift, Math.max(window - 1, 1));
    for (String t : anchors) {
      if (t.length() < 2 || t.charAt(0) > 0xff || t.charAt(1) > 0xff) {
        continue;
      }
      for (int j = 0; j + 1 < window; j++) {
        if (t.charAt(j) > 0xff || t.charAt(j + 1) > 0xff) {
          break; // Latin-1 text never holds this anchor: it needs no stop
        }
        int key = (t.charAt(j) << 8) | t.charAt(j + 1);
        shift[key] = Math.min(shift[key], window - 2 - j);
      }
    }
  }

  private static int[] append(int[] xs, int x) {
    int[] out = java.util.Arrays.copyOf(xs, xs.length + 1);
    out[xs.length] = x;
    return out;
  }

  /**
   * Where each anchor starts in {@code bytes} (read as Latin-1 text), ascending: one array per
   * anchor, in {@link #anchors}' order, null when it occurs nowhere.
   */
  private int[][] anchorHits(byte[] bytes, int length) {
    int[][] hits = new int[anchors.length][];
    int[] counts = new int[anchors.length];
    // i is where an anchor may start; the pair that ends the window [i, i + window) says how far
    // the next possible start is. A shift of 0: some anchor's window ends in this pair, so check
    // the anchors that start with the pair at i, as a char-by-char pass would.
    int end = length - window;
    for (int i = 0; window > 0 && i <= end; ) {
      int w = i + window - 2;
      int s = shift[((bytes[w] & 0xff) << 8) | (bytes[w + 1] & 0xff)];
      if (s > 0) {
        i += s;
        continue;
      }
      int[] candidates = byPair[((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)];
      if (candidates != null) {
        for (int a : candidates) {
          if (startsWith(bytes, length, i, anchors[a])) {
            add(hits, counts, a, i);
          }
        }
      }
      i++;
    }
    for (int a : unkeyed) {
      for (int i = indexOf(bytes, length, anchors[a], 0);
          i >= 0;
          i = indexOf(bytes, length, anchors[a], i + 1)) {
        add(hits, counts, a, i);
      }
    }
    for (int a = 0; a < hits.length; a++) {
      if (hits[a] != null) {
        hits[a] = java.util.Arrays.copyOf(hits[a], counts[a]);
      }
    }
    return hits;
  }

  /** {@code text.startsWith(s, at)} for the Latin-1 text of {@code bytes}, without making it. */
  private static boolean startsWith(byte[] bytes, int length, int at, String s) {
    if (at + s.length() > length) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if ((bytes[at + k] & 0xff) != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] bytes, int length, String s, int from) {
    for (int i = from; i + s.length() <= length; i++) {
      if (startsWith(bytes, length, i, s)) {
        return i;
      }
    }
    return -1;
  }

  private static void add(int[][] hits, int[] counts, int a, int at) {
    if (hits[a] == null) {
      hits[a] = new int[4];
    } else if (counts[a] == hits[a].length) {
      hits[a] = java.util.Arrays.copyOf(hits[a], counts[a] * 2);
    }
    hits[a][counts[a]++] = at;
  }

  private static boolean none(int[][] hits) {
    for (int[] h : hits) {
      if (h != null) {
        return false;
      }
    }
    return true;
  }

  /**
   * A file's bytes read as Latin-1 text, one char per byte, without copying them into a string: the
   * few positions a hit looks at are read in place.
   */
  record Latin1(byte[] bytes, int length) {
    char charAt(int i) {
      return (char) (bytes[i] & 0xff);
    }

    boolean startsWith(String s, int at) {
      return at >= 0 && UndeclaredScan.startsWith(bytes, length, at, s);
    }

    /** Whether the text holds {@code s} (Latin-1 bytes) at {@code at}: one range compare. */
    boolean startsWith(byte[] s, int at) {
      return s != null
          && at >= 0
          && at + s.length <= length
          && java.util.Arrays.equals(bytes, at, at + s.length, s, 0, s.length);
    }

    /** Where {@code s} starts in {@code [from, to)}, or -1: only the line a hit is on is read. */
    int indexOf(String s, int from, int to) {
      return UndeclaredScan.indexOf(bytes, Math.min(to, length), s, Math.max(from, 0));
    }

    int indexOf(char c, int from) {
      byte[] b = bytes;
      int n = length;
      for (int i = Math.max(from, 0); i < n; i++) {
        if ((b[i] & 0xff) == c) {
          return i;
        }
      }
      return -1;
    }

    String substring(int from, int to) {
      return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }
  }

  public boolean isEmpty() {
    return needles.isEmpty();
  }

  /**
   * Whether a scan reads files in parallel. It runs on a thread of its own beside the survey; on
   * two cores, the survey's parallel stream has the common pool's one worker, a parallel scan would
   * take it too, and the survey's caller would spin waiting for it (4-7% slower on 2,000 files).
   */
  private static final boolean PARALLEL = Runtime.getRuntime().availableProcessors() > 2;

  /** Scans the given tracked files of a repo; huge, binary and excluded files are passed over. */
  public List<UndeclaredPlace> scan(Repo repo, List<String> tracked, Path skip) {
    List<PathMatcher> exclude =
        repo.scanExclude().stream()
            .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g))
            .toList();
    Path root = repo.root();
    if (PARALLEL) {
      return tracked.parallelStream()
          .filter(p -> !excluded(p, exclude))
          .map(p -> scanFile(p, root.resolve(p), skip))
          .filter(Objects::nonNull)
          .flatMap(List::stream)
          .toList();
    }
    // a plain loop on one thread: a stream per file was a fifth of a small scan's own time
    List<UndeclaredPlace> out = new ArrayList<>();
    for (String p : tracked) {
      if (!excluded(p, exclude)) {
        List<UndeclaredPlace> found = scanFile(p, root.resolve(p), skip);
        if (found != null) {
          out.addAll(found);
        }
      }
    }
    return out;
  }

  private static boolean excluded(String relPath, List<PathMatcher> exclude) {
    if (exclude.isEmpty()) {
      return false;
    }
    Path path = Path.of(relPath);
    for (PathMatcher m : exclude) {
      if (m.matches(path)) {
        return true;
      }
    }
    return false;
  }

  private List<UndeclaredPlace> scanFile(String rel, Path file, Path skip) {
    if (file.equals(skip)) {
      return null;
    }
    ReadBuffer buffer = ReadBuffer.local();
    try {
      // one lstat for both: no link, FIFO or folder is opened, and no huge file read
      java.nio.file.attribute.BasicFileAttributes a =
          Files.readAttributes(
              file,
              java.nio.file.attribute.BasicFileAttributes.class,
              java.nio.file.LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile() || a.size() > RepoFiles.MAX_BYTES) {
        return null;
      }
      // opened through java.io, as located files are once checked: NIO's channel (which could
      // refuse a link at the open too) cost a cold scan of 600 files twice the time to read them
      if (!buffer.read(file, RepoFiles.MAX_BYTES)) {
        return null;
      }
    } catch (IOException e) {
      return null; // a file that vanished or cannot be read holds nothing we can report
    }
    byte[] bytes = buffer.bytes();
    int length = buffer.length();
    if (RepoFiles.isBinary(bytes, length)) {
      return null;
    }
    int[][] hits = anchorHits(bytes, length);
    if (none(hits)) {
      return null; // most files name no known image or chart
    }
    Latin1 text = new Latin1(bytes, length);
    List<UndeclaredPlace> out = null;
    int[] lineStarts = null;
    int g = -1;
    for (java.util.Map.Entry<String, List<Needle>> group : byAnchor.entrySet()) {
      int[] at = hits[++g];
      if (at == null) {
        continue;
      }
      for (int i : at) {
        if (i > 0 && isNameChar(text.charAt(i - 1)) && !text.startsWith("://", i - 3)) {
          continue; // part of a longer name; oci://NAME and docker://NAME still count
        }
        for (Needle n : group.getValue()) {
          if (!text.startsWith(n.latin1(), i)) {
            continue;
          }
          int after = i + n.text().length();
          int[] span =
              switch (n.kind()) {
                case IMAGE -> tagAfter(text, after);
                case CHART -> versionFlag(text, after);
              };
          if (span == null || !literal(text, span)) {
            continue;
          }
          if (out == null) {
            out = new ArrayList<>();
            lineStarts = lineStarts(text);
          }
          out.add(occurrence(n, rel, file, bytes, lineStarts, i, span));
        }
      }
    }
    return out;
  }

  /** The span of a literal tag right after an image name ({@code name:tag}), or null. */
  private static int[] tagAfter(Latin1 text, int at) {
    if (at >= text.length() || text.charAt(at) != ':') {
      return null;
    }
    int start = at + 1;
    int end = start;
    if (end >= text.length()
        || !(Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
      return null; // a template ({{ .Values.x }}) or a variable ($VERSION): not a literal
    }
    while (end < text.length() && end - start < 128 && isTagChar(text.charAt(end))) {
      end++;
    }
    while (end > start && text.charAt(end - 1) == '.') {
      end--; // a sentence's full stop is not part of the tag
    }
    return new int[] {start, end};
  }

  /** The span of the value of a {@code --version} flag on the same command line, or null. */
  private static int[] versionFlag(Latin1 text, int at) {
    if (at < text.length() && isNameChar(text.charAt(at)) && text.charAt(at) != '/') {
      return null; // a longer name that merely starts with this path
    }
    int lineEnd = commandEnd(text, at);
    int flag = text.indexOf("--version", at, lineEnd);
    if (flag < 0) {
      return null;
    }
    int v = flag + "--version".length();
    if (v < lineEnd && text.charAt(v) == '=') {
      v++;
    } else {
      while (v < lineEnd && (text.charAt(v) == ' ' || text.charAt(v) == '\t')) {
        v++;
      }
    }
    if (v < lineEnd && (text.charAt(v) == '"' || text.charAt(v) == '\'')) {
      v++;
    }
    int end = v;
    while (end < lineEnd && isTagChar(text.charAt(end))) {
      end++;
    }
    if (end == v || !Character.isLetterOrDigit(text.charAt(v))) {
      return null;
    }
    return new int[] {v, end};
  }

  /**
   * True when a span is a literal version (or a floating word such as {@code latest}), not part of
   * a variable or template ({@code v${VERSION}}, {@code v{{ .Values.tag }}}, {@code $(cat f)}), nor
   * a word that names no version (the {@code v} of {@code --version v$X}).
   */
  static boolean literal(Latin1 text, int[] span) {
    int end = span[1];
    if (end < text.length() && "${}%<([*`".indexOf(text.charAt(end)) >= 0) {
      return false;
    }
    String token = text.substring(span[0], end);
    for (int i = 0; i < token.length(); i++) {
      if (Character.isDigit(token.charAt(i))) {
        return true;
      }
    }
    return Floating.is(token) && !token.isBlank();
  }

  /** The end of a shell command line, following backslash continuations. */
  private static int commandEnd(Latin1 text, int from) {
    int nl = text.indexOf('\n', from);
    while (nl > 0) {
      int back = nl - 1;
      if (back >= 0 && text.charAt(back) == '\r') {
        back--;
      }
      if (back < 0 || text.charAt(back) != '\\') {
        return nl;
      }
      nl = text.indexOf('\n', nl + 1);
    }
    return text.length();
  }

  private static int[] lineStarts(Latin1 text) {
    int[] starts = new int[64];
    int n = 0;
    starts[n++] = 0;
    for (int i = text.indexOf('\n', 0); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (n == starts.length) {
        starts = java.util.Arrays.copyOf(starts, n * 2);
      }
      starts[n++] = i + 1;
    }
    return java.util.Arrays.copyOf(starts, n);
  }

  private static UndeclaredPlace occurrence(
      Needle n, String rel, Path file, byte[] bytes, int[] lineStarts, int nameAt, int[] span) {
    int idx = java.util.Arrays.binarySearch(lineStarts, span[0]);
    int line = (idx >= 0 ? idx : -idx - 2) + 1;
    int lineStart = lineStarts[line - 1];
    // Byte offsets to character columns: decode the line's prefix as UTF-8.
    int col =
        new String(bytes, lineStart, span[0] - lineStart, StandardCharsets.UTF_8).length() + 1;
    String version = new String(bytes, span[0], span[1] - span[0], StandardCharsets.UTF_8);
    int shownFrom = Math.max(lineStart, nameAt);
    String shown = new String(bytes, shownFrom, span[1] - shownFrom, StandardCharsets.UTF_8);
    return new UndeclaredPlace(
        n.kind(), n.artifact(), rel, file, line, col, col + version.length(), shown, version);
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '/' || c == '-' || c == '_';
  }

  private static boolean isTagChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '-'
        || c == '_'
        || c == '+';
  }
}
