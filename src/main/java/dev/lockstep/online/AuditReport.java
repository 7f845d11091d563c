package dev.lockstep.online;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.model.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@code lockstep audit REPO VERSION}: every check in a fixed order (the tag, the tag
 * on origin, images, charts, the images the charts name, the other references), each passed, failed
 * or skipped.
 *
 * @param commit the release commit the tag peels to; empty when the tag does not exist
 */
public record AuditReport(
    String repo, String version, String tag, Optional<String> commit, List<AuditCheck> checks) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** As the other commands print JSON: two-space indent, {@code "key": value}. */
  private static final DefaultPrettyPrinter PRINTER =
      new DefaultPrettyPrinter()
          .withSeparators(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withObjectEmptySeparator("")
                  .withArrayEmptySeparator(""))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  public AuditReport {
    checks = List.copyOf(checks);
  }

  public boolean passed() {
    return checks.stream().noneMatch(c -> c.status() == AuditCheck.Status.FAIL);
  }

  public long failures() {
    return checks.stream().filter(c -> c.status() == AuditCheck.Status.FAIL).count();
  }

  public Verdict verdict() {
    return passed() ? Verdict.PASS : Verdict.FAIL;
  }

  /** One line per check. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    checks.forEach(c -> sb.append(c.line()).append('\n'));
    return sb.toString();
  }

  public String json() {
    ObjectNode root = JSON.createObjectNode();
    root.put("repo", repo);
    root.put("version", version);
    root.put("tag", tag);
    if (commit.isPresent()) {
      root.put("commit", commit.get());
    } else {
      root.putNull("commit");
    }
    root.put("passed", passed());
    ArrayNode list = root.putArray("checks");
    for (AuditCheck c : checks) {
      ObjectNode o = list.addObject();
      o.put("status", c.status().code());
      o.put("check", c.check());
      o.put("detail", c.detail());
    }
    try {
      return JSON.writer(PRINTER).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // a tree of plain nodes always serializes
    }
  }
}
