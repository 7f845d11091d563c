package dev.lockstep.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Location;
import dev.lockstep.survey.Rule;
import dev.lockstep.survey.Severity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * SARIF 2.1.0, for code scanning uploads: one rule per {@link Rule} (with the descriptions, help
 * and link GitHub requires), one result per finding, paths relative to {@code %SRCROOT%} (the
 * folder lockstep ran in), and a partial fingerprint per result that survives lines moving.
 */
public final class SarifReport {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The base every relative path is resolved against: the checkout, in GitHub's terms. */
  static final String SRCROOT = "%SRCROOT%";

  private SarifReport() {}

  public static String render(VerifyReport report, Path base, String toolVersion) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "lockstep");
    driver.put("semanticVersion", toolVersion);
    driver.put("version", toolVersion);
    driver.put("informationUri", "https://github.com/lockstep-dev/lockstep");
    ArrayNode rules = driver.putArray("rules");
    Map<Rule, Integer> index = new HashMap<>();
    for (Rule r : Rule.values()) {
      index.put(r, rules.size());
      ObjectNode rule = rules.addObject();
      rule.put("id", r.code());
      rule.put("name", name(r));
      rule.putObject("shortDescription").put("text", r.summary());
      rule.putObject("fullDescription").put("text", RuleHelp.plain(r));
      ObjectNode help = rule.putObject("help");
      help.put("text", RuleHelp.plain(r) + " See " + RuleHelp.uri(r));
      help.put("markdown", RuleHelp.markdown(r));
      rule.put("helpUri", RuleHelp.uri(r));
      rule.putObject("defaultConfiguration").put("level", level(r.severity()));
      ArrayNode tags = rule.putObject("properties").putArray("tags");
      tags.add("versions");
      if (r.input()) {
        tags.add("bad-input");
      }
    }
    if (base != null) {
      run.putObject("originalUriBaseIds")
          .putObject(SRCROOT)
          .put("uri", base.toAbsolutePath().normalize().toUri().toString());
    }
    run.put("columnKind", "utf16CodeUnits");
    ArrayNode results = run.putArray("results");
    Map<String, Integer> seen = new HashMap<>();
    for (Finding f : report.findings()) {
      ObjectNode res = results.addObject();
      res.put("ruleId", f.rule().code());
      res.put("ruleIndex", index.get(f.rule()));
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
      res.putObject("partialFingerprints")
          .put("lockstepPlace/v1", fingerprint(f, base, report.graphFile(), seen));
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code self-reference.stale} becomes {@code SelfReferenceStale}. */
  static String name(Rule r) {
    StringBuilder sb = new StringBuilder();
    for (String part : r.code().split("[.-]")) {
      if (!part.isEmpty()) {
        sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return sb.toString();
  }

  /**
   * What stays the same when lines move: the rule, the file, what the place holds, the target, and
   * the how-many-th such finding it is.
   */
  private static String fingerprint(
      Finding f, Path base, Path graphFile, Map<String, Integer> seen) {
    Location l = f.primary();
    Path abs = l.file().toAbsolutePath().normalize();
    Path graphDir = graphFile.toAbsolutePath().normalize().getParent();
    // relative to the checkout, else to the graph's folder: never a machine's temp path
    String where =
        base != null && abs.startsWith(base.toAbsolutePath().normalize())
            ? Location.display(abs, base)
            : graphDir != null && abs.startsWith(graphDir)
                ? graphDir.relativize(abs).toString()
                : abs.getFileName().toString();
    String key =
        f.rule().code()
            + "|"
            + where.replace('\\', '/')
            + "|"
            + l.note()
            + "|"
            + f.target().map(Object::toString).orElse("");
    int n = seen.merge(key, 1, Integer::sum);
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((key + "|" + n).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void location(ObjectNode target, Location l, Path base) {
    ObjectNode phys = target.putObject("physicalLocation");
    ObjectNode artifact = phys.putObject("artifactLocation");
    Path abs = l.file().toAbsolutePath().normalize();
    if (base != null && abs.startsWith(base.toAbsolutePath().normalize())) {
      artifact.put("uri", Location.display(abs, base).replace('\\', '/'));
      artifact.put("uriBaseId", SRCROOT);
    } else {
      artifact.put("uri", abs.toUri().toString());
    }
    ObjectNode region = phys.putObject("region");
    int line = Math.max(1, l.line());
    int column = Math.max(1, l.column());
    region.put("startLine", line);
    region.put("startColumn", column);
    region.put("endLine", Math.max(line, l.endLine()));
    region.put("endColumn", Math.max(l.endColumn(), column));
  }

  private static String level(Severity s) {
    return s == Severity.ERROR ? "error" : s == Severity.WARNING ? "warning" : "note";
  }
}
