package dev.lockstep.diagram;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.EditDistance;
import dev.lockstep.model.ReleaseGraph;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Node ids for diagram languages, repo host names, and "did you mean" for unknown ids. */
final class Ids {
  /**
   * Words Mermaid or DOT read as syntax when they stand as a node id ({@code end} closes a Mermaid
   * subgraph; {@code node}, {@code edge}, {@code graph} are DOT keywords).
   */
  private static final Set<String> RESERVED =
      Set.of(
          "end",
          "subgraph",
          "graph",
          "flowchart",
          "style",
          "class",
          "classdef",
          "click",
          "linkstyle",
          "direction",
          "default",
          "call",
          "href",
          "node",
          "edge",
          "digraph",
          "strict");

  private static final Map<String, String> HOSTS =
      Map.of(
          "github.com", "GitHub",
          "gitlab.com", "GitLab",
          "bitbucket.org", "Bitbucket",
          "codeberg.org", "Codeberg");

  private Ids() {}

  /** {@code [A-Za-z0-9_]} only; never empty, never a reserved word, never starting with a digit. */
  static String sanitize(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      sb.append(ok ? c : '_');
    }
    String s = sb.toString();
    if (s.isEmpty()
        || Character.isDigit(s.charAt(0))
        || RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
      s = "n_" + s;
    }
    return s;
  }

  /**
   * Hands out sanitized ids, each once: a second {@code a-b} or an {@code a.b} after it gets {@code
   * a_b_2}.
   */
  static final class Allocator {
    private final Set<String> taken = new HashSet<>();

    String claim(String wanted) {
      String base = sanitize(wanted);
      String id = base;
      for (int n = 2; !taken.add(id); n++) {
        id = base + "_" + n;
      }
      return id;
    }
  }

  /**
   * {@code GitHub} for a github.com URL (https or scp-like ssh), the host for others, {@code git}
   * without one.
   */
  static String host(Optional<String> url) {
    if (url.isEmpty()) {
      return "git";
    }
    String u = url.get().strip();
    String host = null;
    int scheme = u.indexOf("://");
    if (scheme > 0) {
      try {
        host = URI.create(u).getHost();
      } catch (IllegalArgumentException e) {
        host = null;
      }
    } else if (u.contains("@") && u.contains(":")) { // git@github.com:org/repo.git
      host = u.substring(u.indexOf('@') + 1, u.indexOf(':', u.indexOf('@')));
    }
    if (host == null || host.isBlank()) {
      return "git";
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.startsWith("www.")) {
      host = host.substring(4);
    }
    return HOSTS.getOrDefault(host, host);
  }

  /** Every repo and artifact id, in declaration order. */
  static List<String> allIds(ReleaseGraph g) {
    List<String> out = new ArrayList<>();
    g.repos().keySet().forEach(id -> out.add(id.value()));
    g.artifacts().keySet().forEach(id -> out.add(id.value()));
    return out;
  }

  /**
   * The known id closest to {@code word} by edit distance (ties go to the id declared first); when
   * none is close (a typed fragment such as {@code kcm}), the closest id that contains the word.
   */
  static Optional<String> closest(String word, Collection<String> known) {
    String w = word.toLowerCase(Locale.ROOT);
    Optional<String> nearest = nearest(w, known, false);
    int limit = Math.max(2, w.length() / 3);
    if (nearest.isPresent()
        && EditDistance.between(w, nearest.get().toLowerCase(Locale.ROOT)) <= limit) {
      return nearest;
    }
    return nearest(w, known, true).or(() -> nearest);
  }

  private static Optional<String> nearest(String w, Collection<String> known, boolean containing) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      String kl = k.toLowerCase(Locale.ROOT);
      if (containing && (w.isEmpty() || !kl.contains(w))) {
        continue;
      }
      int d = EditDistance.between(w, kl);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The error for an id the graph does not hold, with the closest one it does. */
  static BadInputException unknown(String what, ArtifactId id, Collection<String> known) {
    StringBuilder sb =
        new StringBuilder("unknown ").append(what).append(" '").append(id).append('\'');
    closest(id.value(), known)
        .ifPresentOrElse(
            s -> sb.append("; did you mean '").append(s).append("'?"),
            () -> sb.append("; the graph declares none"));
    return BadInputException.plain(sb.toString());
  }
}
