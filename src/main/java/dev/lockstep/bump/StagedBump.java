package dev.lockstep.bump;

import dev.lockstep.files.StagedFiles;
import dev.lockstep.locate.TextFile;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a bump reaches the disk: every changed file of the run staged in its repo's staging folder
 * and put in place as one unit ({@link StagedFiles}); a run killed half way is completed, or
 * undone, by the next {@code bump}, {@code release} or {@code verify} of the workspace.
 */
public final class StagedBump {
  private StagedBump() {}

  static void write(Map<TextFile, String> after, StagedFiles.Progress progress) throws IOException {
    List<StagedFiles.Change> changes = new ArrayList<>();
    for (Map.Entry<TextFile, String> e : after.entrySet()) {
      TextFile file = e.getKey();
      changes.add(
          new StagedFiles.Change(
              StagedFiles.stagingDirOf(repoRoot(file)),
              file.absolute(),
              file.text().getBytes(StandardCharsets.UTF_8),
              e.getValue().getBytes(StandardCharsets.UTF_8)));
    }
    StagedFiles.write(changes, progress);
  }

  /** The repo folder a located file lies in: its absolute path less its repo-relative path. */
  static Path repoRoot(TextFile file) {
    Path abs = file.absolute().toAbsolutePath().normalize();
    int depth = Path.of(file.path()).getNameCount();
    Path root = abs;
    for (int i = 0; i < depth; i++) {
      root = root.getParent();
    }
    return root;
  }

  /**
   * Completes or undoes an earlier bump that was killed while writing, in every checked-out repo of
   * the graph; one line per run it finished or discarded.
   */
  public static List<String> recover(ReleaseGraph graph) throws IOException {
    List<Path> dirs = new ArrayList<>();
    for (Repo r : graph.repos().values()) {
      r.checkout().ifPresent(root -> dirs.add(StagedFiles.stagingDirOf(root)));
    }
    return StagedFiles.recover(dirs);
  }
}
