package dev.lockstep.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.gitrepo.GitRepo;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.Repo;
import dev.lockstep.model.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Release notes in Markdown ({@code lockstep notes REPO VERSION}): the commits since the previous
 * release of the repo, grouped by Conventional Commit type where the subjects use one; and, from a
 * release manifest, every artifact with its reference and digest and every reference the release
 * moved.
 */
public final class ReleaseNotes {
  private static final Pattern CONVENTIONAL =
      Pattern.compile("^(?<type>[a-z]+)(?:\\([^)]*\\))?(?<breaking>!)?: (?<rest>.+)$");

  /** Section titles by Conventional Commit type, in the order they are printed. */
  private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

  static {
    SECTIONS.put("breaking", "Breaking changes");
    SECTIONS.put("feat", "Features");
    SECTIONS.put("fix", "Fixes");
    SECTIONS.put("perf", "Performance");
    SECTIONS.put("docs", "Documentation");
    SECTIONS.put("refactor", "Refactoring");
    SECTIONS.put("test", "Tests");
    SECTIONS.put("build", "Build");
    SECTIONS.put("ci", "CI");
    SECTIONS.put("chore", "Chores");
    SECTIONS.put("other", "Changes");
  }

  private ReleaseNotes() {}

  /**
   * @param manifest a release manifest ({@code release-REPO-VERSION.json}), when there is one
   */
  public static String write(Repo repo, Version version, Optional<Path> manifest)
      throws IOException {
    Optional<GitRepo> opened = GitRepo.open(repo.root());
    if (opened.isEmpty()) {
      throw BadInputException.plain(repo.id() + " at " + repo.root() + " is not a git checkout");
    }
    StringBuilder out = new StringBuilder();
    String tag = repo.tagFor(version);
    out.append("# ").append(repo.id()).append(' ').append(version).append("\n\n");
    try (GitRepo git = opened.get()) {
      Optional<GitRepo.Release> previous =
          git.releases(repo.tagFormat()).stream()
              .filter(r -> r.version().compareTo(version) < 0)
              .findFirst();
      Repository r = git.repository();
      ObjectId end = peel(r, Constants.R_TAGS + tag);
      String endName = tag;
      if (end == null) {
        end = r.resolve(Constants.HEAD);
        endName = "HEAD (tag " + tag + " does not exist yet)";
      }
      if (end == null) {
        throw BadInputException.plain(repo.id() + " has no commits");
      }
      out.append(
              previous.map(p -> "Changes since " + p.tag() + ", up to ").orElse("Changes up to "))
          .append(endName)
          .append(".\n\n");
      Map<String, List<String>> grouped = new LinkedHashMap<>();
      SECTIONS.keySet().forEach(k -> grouped.put(k, new ArrayList<>()));
      try (RevWalk walk = new RevWalk(r)) {
        walk.markStart(walk.parseCommit(end));
        if (previous.isPresent()) {
          walk.markUninteresting(walk.parseCommit(previous.get().commit()));
        }
        for (RevCommit c : walk) {
          String subject = c.getShortMessage();
          String abbreviated = c.abbreviate(7).name();
          Matcher m = CONVENTIONAL.matcher(subject);
          String type = "other";
          String text = subject;
          if (m.matches() && SECTIONS.containsKey(m.group("type"))) {
            type = m.group("breaking") != null ? "breaking" : m.group("type");
            text = m.group("rest");
          } else if (m.matches() && m.group("breaking") != null) {
            type = "breaking";
            text = m.group("rest");
          }
          grouped.get(type).add("- " + text + " (" + abbreviated + ")");
        }
      }
      boolean any = false;
      for (Map.Entry<String, List<String>> e : grouped.entrySet()) {
        if (e.getValue().isEmpty()) {
          continue;
        }
        any = true;
        out.append("## ").append(SECTIONS.get(e.getKey())).append("\n\n");
        e.getValue().forEach(line -> out.append(line).append('\n'));
        out.append('\n');
      }
      if (!any) {
        out.append("No commits.\n\n");
      }
    }
    if (manifest.isPresent()) {
      appendManifest(out, manifest.get());
    }
    return out.toString();
  }

  private static void appendManifest(StringBuilder out, Path file) throws IOException {
    JsonNode m;
    try {
      m = new ObjectMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw BadInputException.plain(file + ": not a release manifest: " + e.getMessage());
    }
    out.append("## Artifacts\n\n")
        .append("Tag `")
        .append(m.path("tag").asText())
        .append("`, commit `")
        .append(m.path("commit").asText())
        .append("`.\n\n")
        .append("| artifact | kind | version | reference | digest |\n")
        .append("| --- | --- | --- | --- | --- |\n");
    for (JsonNode a : m.path("artifacts")) {
      out.append("| ")
          .append(a.path("id").asText())
          .append(" | ")
          .append(a.path("kind").asText())
          .append(" | ")
          .append(m.path("version").asText())
          .append(" | `")
          .append(a.path("reference").asText())
          .append("` | ")
          .append(a.path("digest").isTextual() ? "`" + a.path("digest").asText() + "`" : "-")
          .append(" |\n");
    }
    out.append('\n');
    JsonNode refs = m.path("references");
    if (refs.size() > 0) {
      out.append("## References moved\n\n")
          .append("| place | from | to | written |\n")
          .append("| --- | --- | --- | --- |\n");
      for (JsonNode r : refs) {
        out.append("| `")
            .append(r.path("file").asText())
            .append(':')
            .append(r.path("line").asInt())
            .append("` | ")
            .append(r.path("from").asText())
            .append(" | ")
            .append(r.path("to").asText())
            .append(" | `")
            .append(r.path("value").asText())
            .append("` |\n");
      }
      out.append('\n');
    }
  }

  private static ObjectId peel(Repository r, String ref) throws IOException {
    var found = r.exactRef(ref);
    if (found == null) {
      return null;
    }
    var peeled = r.getRefDatabase().peel(found);
    return peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : found.getObjectId();
  }
}
