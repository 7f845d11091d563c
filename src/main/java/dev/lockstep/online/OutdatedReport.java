package dev.lockstep.online;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.model.Source;
import dev.lockstep.model.Verdict;
import java.nio.file.Path;
import java.util.List;

/**
 * The result of {@code lockstep outdated}: one line per pinned external artifact, then a count.
 *
 * @param skipped what was passed over because of disabled artifacts, in words ({@code --verbose})
 */
public record OutdatedReport(List<OutdatedCheck> checks, List<String> skipped) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public OutdatedReport {
    checks = List.copyOf(checks);
    skipped = List.copyOf(skipped);
  }

  public OutdatedReport(List<OutdatedCheck> checks) {
    this(checks, List.of());
  }

  public long count(OutdatedCheck.State state) {
    return checks.stream().filter(c -> c.state() == state).count();
  }

  /** Pass when every pin is the newest version; fail when a newer one exists or a lookup failed. */
  public Verdict verdict() {
    return count(OutdatedCheck.State.OUTDATED) + count(OutdatedCheck.State.FAILED) == 0
        ? Verdict.PASS
        : Verdict.FAIL;
  }

  public String text() {
    StringBuilder out = new StringBuilder();
    int width = checks.stream().mapToInt(c -> c.id().value().length()).max().orElse(0);
    for (OutdatedCheck c : checks) {
      String id = String.format("%-" + width + "s", c.id().value());
      switch (c.state()) {
        case OUTDATED ->
            out.append(id)
                .append("  ")
                .append(c.pinned())
                .append(" -> ")
                .append(c.newest().get())
                .append("  (")
                .append(c.where())
                .append(")  pinned at ")
                .append(at(c.pinnedAt()))
                .append('\n');
        case CURRENT ->
            out.append(id)
                .append("  ")
                .append(c.pinned())
                .append("  up to date  (")
                .append(c.where())
                .append(")\n");
        case FAILED ->
            out.append("error: ")
                .append(c.id())
                .append(' ')
                .append(c.pinned())
                .append(": ")
                .append(c.error().orElse("no version found"))
                .append("  (pinned at ")
                .append(at(c.pinnedAt()))
                .append(")\n");
      }
    }
    if (checks.isEmpty()) {
      out.append("no enabled external artifact pins a version (external: { version: X })\n");
    }
    out.append(count(OutdatedCheck.State.OUTDATED))
        .append(" outdated, ")
        .append(count(OutdatedCheck.State.CURRENT))
        .append(" up to date, ")
        .append(count(OutdatedCheck.State.FAILED))
        .append(" failed\n");
    return out.toString();
  }

  public String json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("outdated", count(OutdatedCheck.State.OUTDATED));
    root.put("current", count(OutdatedCheck.State.CURRENT));
    root.put("failed", count(OutdatedCheck.State.FAILED));
    ArrayNode list = root.putArray("artifacts");
    for (OutdatedCheck c : checks) {
      ObjectNode n = list.addObject();
      n.put("id", c.id().value());
      n.put("kind", c.kind());
      n.put("state", c.state().name().toLowerCase(java.util.Locale.ROOT));
      n.put("pinned", c.pinned().toString());
      c.newest().ifPresent(v -> n.put("newest", v.toString()));
      c.newestTag().ifPresent(t -> n.put("newestTag", t));
      n.put("where", c.where());
      n.put("pinnedAt", at(c.pinnedAt()));
      c.error().ifPresent(e -> n.put("error", e));
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code file:line}, the file relative to the working directory when it is under it. */
  static String at(Source s) {
    Path file = s.file();
    if (file == null) {
      return "?:" + s.line();
    }
    Path cwd = Path.of("").toAbsolutePath().normalize();
    Path abs = file.toAbsolutePath().normalize();
    return (abs.startsWith(cwd) ? cwd.relativize(abs) : file) + ":" + s.line();
  }
}
