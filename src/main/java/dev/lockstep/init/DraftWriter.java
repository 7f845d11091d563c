package dev.lockstep.init;

import dev.lockstep.init.Draft.DArtifact;
import dev.lockstep.init.Draft.DLoc;
import dev.lockstep.init.Draft.DRef;
import dev.lockstep.init.Draft.DRepo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Writes a draft as a graph file, with doubts commented out and a "not modelled" list. */
final class DraftWriter {
  private DraftWriter() {}

  static String write(Draft d, boolean header) {
    StringBuilder sb = new StringBuilder();
    if (header) {
      sb.append(
              "# Drafted by lockstep init. Review it: rename ids, add descriptions, drop what is\n")
          .append(
              "# not a release pin, then run lockstep verify. Commented-out entries are places\n")
          .append("# init was unsure of, with the reason.\n")
          .append("lockstep: 1\n\n");
      sb.append("repos:\n");
      for (DRepo r : d.repos) {
        sb.append("  ").append(r.id).append(":\n");
        sb.append("    path: ").append(plain(r.path)).append('\n');
        if (r.url != null) {
          sb.append("    url: ").append(plain(r.url)).append('\n');
        }
        if (r.tag != null) {
          sb.append("    tag: ").append(dq(r.tag)).append('\n');
        }
        if (!r.exclude.isEmpty()) {
          sb.append("    scan:\n      exclude:\n");
          for (int i = 0; i < r.exclude.size(); i++) {
            sb.append("        - ")
                .append(plain(r.exclude.get(i)))
                .append("   # ")
                .append(r.excludeWhy.get(i))
                .append('\n');
          }
        }
      }
      sb.append("\nartifacts:\n");
    }
    for (DArtifact a : ordered(d)) {
      artifact(sb, a);
    }
    if (header && !d.notModelled.isEmpty()) {
      sb.append("\n# not modelled:\n");
      d.notModelled.stream()
          .distinct()
          .sorted()
          .forEach(n -> sb.append("#   - ").append(n).append('\n'));
    }
    return sb.toString();
  }

  static List<DArtifact> ordered(Draft d) {
    List<DArtifact> out = new ArrayList<>();
    for (DRepo r : d.repos) {
      for (String kind : List.of("image", "chart", "hook", "file")) {
        d.artifacts.stream()
            .filter(a -> r.id.equals(a.repo) && a.kind.equals(kind))
            .sorted(
                Comparator.comparing((DArtifact a) -> a.path == null ? "" : a.path)
                    .thenComparing(a -> a.id))
            .forEach(out::add);
      }
    }
    for (String kind : List.of("image", "chart")) {
      d.artifacts.stream()
          .filter(a -> a.repo == null && a.kind.equals(kind))
          .sorted(Comparator.comparing(a -> a.id))
          .forEach(out::add);
    }
    d.artifacts.stream().filter(a -> !out.contains(a)).forEach(out::add);
    return out;
  }

  static void artifact(StringBuilder sb, DArtifact a) {
    sb.append('\n');
    if (a.comment != null) {
      sb.append("  # ").append(a.comment).append('\n');
    }
    sb.append("  ").append(a.id).append(":\n");
    sb.append("    kind: ").append(a.kind).append('\n');
    if (a.repo != null) {
      sb.append("    repo: ").append(a.repo).append('\n');
    }
    if (a.path != null) {
      sb.append("    path: ").append(plain(a.path)).append('\n');
    }
    if (a.name != null) {
      sb.append("    name: ").append(plain(a.name)).append('\n');
    }
    if (a.tag != null && "image".equals(a.kind)) {
      sb.append("    tag: ").append(dq(a.tag)).append('\n');
    }
    if (a.publish != null) {
      sb.append("    publish: ").append(plain(a.publish)).append('\n');
    }
    if (a.repo != null && "chart".equals(a.kind)) {
      sb.append("    version: ")
          .append(dq(a.version == null ? "{version}" : a.version))
          .append('\n');
      if (a.appVersion != null) {
        sb.append("    appVersion: ").append(dq(a.appVersion)).append('\n');
      }
      boolean both =
          a.appVersion != null && a.placeholder != null && a.placeholder.equals(a.appPlaceholder);
      boolean onlyVersion = a.placeholder != null && (a.appVersion == null || both);
      if (onlyVersion) {
        sb.append("    placeholder: ").append(dq(a.placeholder)).append('\n');
      } else if (a.placeholder != null || a.appPlaceholder != null) {
        sb.append("    placeholder: {");
        List<String> parts = new ArrayList<>();
        if (a.placeholder != null) {
          parts.add(" version: " + dq(a.placeholder));
        }
        if (a.appPlaceholder != null) {
          parts.add(" appVersion: " + dq(a.appPlaceholder));
        }
        sb.append(String.join(",", parts)).append(" }\n");
      }
    }
    if (!a.dependencies.isEmpty()) {
      sb.append("    dependencies: [ ").append(String.join(", ", a.dependencies)).append(" ]\n");
    }
    if (a.repo == null && a.externalVersion != null) {
      sb.append("    external: { version: ").append(dq(a.externalVersion));
      if (a.externalRepository != null) {
        sb.append(", repository: ").append(dq(a.externalRepository));
      }
      if (a.externalChart != null) {
        sb.append(", chart: ").append(dq(a.externalChart));
      }
      sb.append(" }\n");
    }
    if (!a.uses.isEmpty()) {
      boolean live = a.uses.stream().anyMatch(r -> r.unsure == null);
      sb.append(live ? "    uses:\n" : "    uses: []\n");
      for (DRef r : a.uses) {
        ref(sb, r);
      }
    }
  }

  static void ref(StringBuilder sb, DRef r) {
    StringBuilder x = new StringBuilder();
    x.append("- to: ").append(r.to).append('\n');
    if (r.placeholder != null) {
      x.append("  placeholder: ").append(dq(r.placeholder)).append('\n');
    }
    if (r.stamp != null) {
      x.append("  stamp: ").append(r.stamp).append('\n');
    }
    if (r.format != null) {
      x.append("  format: ").append(dq(r.format)).append('\n');
    }
    x.append("  at:\n");
    for (DLoc l : r.at) {
      x.append("    - ");
      if (l.chart != null) {
        x.append("chart: ").append(l.chart).append('\n');
        continue;
      }
      x.append("file: ").append(plain(l.file)).append('\n');
      if (l.document != null) {
        x.append("      document: ").append(l.document).append('\n');
      }
      if (l.yaml != null) {
        x.append("      yaml: ").append(sq(l.yaml)).append('\n');
      }
      if (l.json != null) {
        x.append("      json: ").append(sq(l.json)).append('\n');
      }
      if (l.regex != null) {
        x.append("      regex: ").append(sq(l.regex)).append('\n');
      }
      if (l.count > 1) {
        x.append("      count: ").append(l.count).append('\n');
      }
      if (l.format != null) {
        x.append("      format: ").append(dq(l.format)).append('\n');
      }
    }
    String prefix = r.unsure == null ? "      " : "      # ";
    if (r.unsure != null) {
      sb.append("      # unsure: ").append(r.unsure).append('\n');
    }
    for (String line : x.toString().split("\n")) {
      sb.append(prefix).append(line).append('\n');
    }
  }

  static String plain(String s) {
    if (s.matches("[A-Za-z0-9_./:@-]+") && !s.matches("[0-9.]+") && !s.contains(": ")) {
      return s;
    }
    return sq(s);
  }

  static String sq(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  static String dq(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
