package dev.lockstep.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.survey.Severity;
import java.nio.file.Path;

/**
 * For scripts: every finding with its code, severity, message, fix and locations, and the counts.
 */
public final class JsonReport {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  /** {@code exitCode} is the one the command line returns, so a script reads both in one place. */
  public static String render(VerifyReport report, Path base, int exitCode) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("graph", Location.display(report.graphFile(), base));
    root.put("exitCode", exitCode);
    ObjectNode summary = root.putObject("summary");
    for (Severity s : Severity.values()) {
      summary.put(s.label() + "s", report.count(s));
    }
    summary.put("repos", report.repos());
    ArrayNode skipped = summary.putArray("skippedRepos");
    report.skippedRepos().forEach(skipped::add);
    summary.put("references", report.references());
    summary.put("places", report.places());
    summary.put("filesScanned", report.filesScanned());
    summary.put("millis", report.millis());
    ArrayNode findings = root.putArray("findings");
    for (Finding f : report.findings()) {
      ObjectNode o = findings.addObject();
      o.put("code", f.rule().code());
      o.put("severity", f.severity().label());
      o.put("message", f.message());
      o.put("fix", f.fix());
      ArrayNode locs = o.putArray("locations");
      for (Location l : f.locations()) {
        ObjectNode lo = locs.addObject();
        lo.put("file", Location.display(l.file(), base));
        lo.put("line", l.line());
        lo.put("column", l.column());
        lo.put("endLine", l.endLine());
        lo.put("endColumn", l.endColumn());
        if (!l.note().isEmpty()) {
          lo.put("note", l.note());
        }
      }
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
