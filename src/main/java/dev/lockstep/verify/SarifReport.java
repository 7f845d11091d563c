package dev.lockstep.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.survey.Rule;
import dev.lockstep.survey.Severity;
import java.nio.file.Path;

/** SARIF 2.1.0, for code scanning uploads: one rule per {@link Rule}, one result per finding. */
public final class SarifReport {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SarifReport() {}

  public static String render(VerifyReport report, Path base, String toolVersion) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "lockstep");
    driver.put("version", toolVersion);
    driver.put("informationUri", "https://github.com/lockstep-dev/lockstep");
    ArrayNode rules = driver.putArray("rules");
    for (Rule r : Rule.values()) {
      ObjectNode rule = rules.addObject();
      rule.put("id", r.code());
      rule.putObject("shortDescription").put("text", r.summary());
      rule.putObject("defaultConfiguration").put("level", level(r.severity()));
    }
    ArrayNode results = run.putArray("results");
    for (Finding f : report.findings()) {
      ObjectNode res = results.addObject();
      res.put("ruleId", f.rule().code());
      res.put("level", level(f.severity()));
      res.putObject("message")
          .put("text", f.fix().isEmpty() ? f.message() : f.message() + "; " + f.fix());
      location(res.putArray("locations").addObject(), f.primary(), base);
      if (f.locations().size() > 1) {
        ArrayNode related = res.putArray("relatedLocations");
        for (int i = 1; i < f.locations().size(); i++) {
          ObjectNode rel = related.addObject();
          rel.put("id", i);
          location(rel, f.locations().get(i), base);
          if (!f.locations().get(i).note().isEmpty()) {
            rel.putObject("message").put("text", f.locations().get(i).note());
          }
        }
      }
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void location(ObjectNode target, Location l, Path base) {
    ObjectNode phys = target.putObject("physicalLocation");
    phys.putObject("artifactLocation")
        .put("uri", Location.display(l.file(), base).replace('\\', '/'));
    ObjectNode region = phys.putObject("region");
    region.put("startLine", l.line());
    region.put("startColumn", l.column());
    region.put("endLine", l.endLine());
    region.put("endColumn", Math.max(l.endColumn(), l.column()));
  }

  private static String level(Severity s) {
    return s == Severity.ERROR ? "error" : s == Severity.WARNING ? "warning" : "note";
  }
}
