package dev.lockstep.bump;

import dev.lockstep.files.StagedFiles;
import dev.lockstep.locate.TextFile;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.Policy;
import dev.lockstep.model.Version;
import dev.lockstep.rewrite.Edit;
import dev.lockstep.rewrite.FileEdits;
import dev.lockstep.rewrite.RewriteException;
import dev.lockstep.rewrite.UnifiedDiff;
import dev.lockstep.survey.Finding;
import dev.lockstep.survey.Reading;
import dev.lockstep.survey.Rule;
import dev.lockstep.survey.Survey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Moves every literal reference to one artifact to a new version ("reacting to a new
 * ocm-status-addon release"). All new file contents are computed and read back before the first
 * file is written, so a refused edit leaves every file as it was.
 */
public final class Bump {
  private final Map<TextFile, String> after;

  private Bump(Map<TextFile, String> after) {
    this.after = after;
  }

  /** Plans the bump; throws {@link BadInputException} when a place cannot be rewritten safely. */
  public static Bump plan(
      Survey survey, ArtifactId target, Version version, Optional<String> digest) {
    if (!survey.graph().contains(target)) {
      throw BadInputException.plain(
          "unknown artifact or repo '" + target + "'; see lockstep graph for the ids");
    }
    List<String> blockers = new ArrayList<>();
    for (Finding f : survey.findings()) {
      boolean blocks = f.rule().input() || f.rule() == Rule.COUNT;
      if (blocks && f.target().equals(Optional.of(target))) {
        blockers.add(
            f.primary().position(null) + ": " + f.message() + "; fix it before bumping " + target);
      }
    }
    if (!blockers.isEmpty()) {
      throw BadInputException.plain(String.join("\n", blockers));
    }
    Map<TextFile, List<Edit>> edits = new LinkedHashMap<>();
    for (Reading r : survey.readings()) {
      if (r.isChartSelf()
          || r.policy() != Policy.LITERAL
          || r.override().isPresent() // an environment's own version: moved by hand
          || !r.target().equals(target)
          || (r.stamp() == dev.lockstep.model.Stamp.REGULAR && !version.isRegular())) {
        continue;
      }
      if (r.format().hasDigest() && digest.isEmpty()) {
        throw BadInputException.plain(
            r.place().position() + ": the format " + r.format() + " needs --digest sha256:...");
      }
      String value = r.format().render(version, digest);
      if (r.format().parse(value).isEmpty()) {
        throw BadInputException.plain(
            r.place().position()
                + ": '"
                + value
                + "' is not written as "
                + r.format()
                + "; check --digest");
      }
      edits
          .computeIfAbsent(r.place().file(), f -> new ArrayList<>())
          .add(new Edit(r.place(), value));
    }
    GraphPin.edit(survey.graph(), target, version)
        .ifPresent(e -> edits.computeIfAbsent(e.place().file(), f -> new ArrayList<>()).add(e));
    Map<TextFile, String> after = new LinkedHashMap<>();
    for (Map.Entry<TextFile, List<Edit>> e : edits.entrySet()) {
      try {
        String text = FileEdits.apply(e.getKey(), e.getValue());
        if (!text.equals(e.getKey().text())) {
          after.put(e.getKey(), text);
        }
      } catch (RewriteException ex) {
        throw BadInputException.plain(ex.getMessage());
      }
    }
    return new Bump(after);
  }

  /** The files that change, with a unified diff each, paths as the repo names them. */
  public String diff() {
    StringBuilder sb = new StringBuilder();
    after.forEach((file, text) -> sb.append(UnifiedDiff.of(file.path(), file.text(), text)));
    return sb.toString();
  }

  public int changedFiles() {
    return after.size();
  }

  /** One changed file: its absolute path, its path in the repo, and its unified diff. */
  public record Change(java.nio.file.Path file, String path, String diff) {}

  /** The files that change, in order, each with its diff. */
  public List<Change> changes() {
    List<Change> out = new ArrayList<>();
    after.forEach(
        (file, text) ->
            out.add(
                new Change(
                    file.absolute(), file.path(), UnifiedDiff.of(file.path(), file.text(), text))));
    return out;
  }

  /** Writes every changed file, all of them as one unit ({@link StagedBump}). */
  public void apply() throws IOException {
    apply(StagedFiles.Progress.NONE);
  }

  /** As {@link #apply()}, reporting each step (staged, each file written) to {@code progress}. */
  public void apply(StagedFiles.Progress progress) throws IOException {
    StagedBump.write(after, progress);
  }
}
