package dev.lockstep.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Helm packages a chart only when every dependency its Chart.yaml lists is under {@code charts/};
 * lockstep builds offline from the release commit, so they must be committed there. Checked in
 * preflight, so a release that could never package is refused before anything is published.
 */
final class ChartDependencies {
  private ChartDependencies() {}

  /**
   * The dependencies {@code chartPath}/Chart.yaml lists that the commit does not vendor (stamping
   * changes neither).
   */
  static List<String> missing(Repository git, RevCommit commit, String chartPath)
      throws IOException {
    String dir = chartPath.isEmpty() || chartPath.equals(".") ? "" : chartPath + "/";
    List<String> out = new ArrayList<>();
    try (RevWalk walk = new RevWalk(git)) {
      RevCommit c = walk.parseCommit(commit);
      byte[] chartYaml;
      try (TreeWalk tw = TreeWalk.forPath(git, dir + "Chart.yaml", c.getTree())) {
        if (tw == null) {
          return out;
        }
        chartYaml = git.open(tw.getObjectId(0)).getBytes();
      }
      Object doc =
          new Yaml(new LoaderOptions()).load(new String(chartYaml, StandardCharsets.UTF_8));
      if (!(doc instanceof Map<?, ?> m) || !(m.get("dependencies") instanceof List<?> deps)) {
        return out;
      }
      List<String> vendored = vendored(git, c, dir + "charts");
      for (Object d : deps) {
        if (d instanceof Map<?, ?> dep && dep.get("name") != null) {
          String name = dep.get("name").toString();
          boolean present =
              vendored.stream()
                  .anyMatch(
                      v -> v.equals(name) || (v.startsWith(name + "-") && v.endsWith(".tgz")));
          if (!present) {
            out.add(name);
          }
        }
      }
    }
    return out;
  }

  private static List<String> vendored(Repository git, RevCommit c, String chartsDir)
      throws IOException {
    List<String> names = new ArrayList<>();
    try (TreeWalk tw = TreeWalk.forPath(git, chartsDir, c.getTree())) {
      if (tw == null || !tw.isSubtree()) {
        return names;
      }
      try (TreeWalk inner = new TreeWalk(git)) {
        inner.addTree(tw.getObjectId(0));
        inner.setRecursive(false);
        while (inner.next()) {
          names.add(inner.getNameString());
        }
      }
    }
    return names;
  }
}
