package dev.lockstep.diagram;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.Policy;
import dev.lockstep.model.Source;
import dev.lockstep.model.Stamp;
import dev.lockstep.model.Version;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code lockstep explain ID} says about one artifact or repo: what it is, every place
 * that names it, the places of its own version, what it is built from, and what is affected if it
 * changes. Made by {@link Explainer#explain}; printed by {@link Explainer#renderText} and {@link
 * Explainer#renderJson}.
 *
 * @param what {@code repo}, or the artifact's kind ({@code image}, {@code chart}, ...)
 * @param repo the repo that builds or holds it; empty for a repo and for an external artifact
 * @param facts what the graph declares about it, in a fixed order (name, formats, pinned
 *     version...)
 * @param ownVersion where its own version is written: a chart's {@code Chart.yaml} version and
 *     appVersion
 * @param references every reference to it, in declaration order, each with the places it was read
 *     at
 * @param builtFrom what it is built from: its repo, base image, chart dependencies
 * @param holds for a repo, the artifacts it builds or keeps
 * @param dependents what names it or is built from it directly, in declaration order
 * @param affected everything that depends on it, directly or not ({@code ReleaseGraph.dependents}),
 *     by id
 */
public record Explanation(
    ArtifactId id,
    String what,
    Optional<ArtifactId> repo,
    boolean external,
    Optional<String> disabledReason,
    Source declaredAt,
    List<Fact> facts,
    List<Row> ownVersion,
    List<Use> references,
    List<Node> builtFrom,
    List<Node> holds,
    List<Dependent> dependents,
    List<Node> affected) {

  public Explanation {
    facts = List.copyOf(facts);
    ownVersion = List.copyOf(ownVersion);
    references = List.copyOf(references);
    builtFrom = List.copyOf(builtFrom);
    holds = List.copyOf(holds);
    dependents = List.copyOf(dependents);
    affected = List.copyOf(affected);
  }

  /** Every place that names it, across all references, in declaration order. */
  public List<Row> places() {
    List<Row> out = new ArrayList<>();
    references.forEach(m -> out.addAll(m.places()));
    return out;
  }

  /**
   * One thing the graph declares, such as {@code name} or {@code version format}.
   *
   * @param path true when {@code value} is an absolute path (shown relative to the output's base)
   */
  public record Fact(String key, String value, boolean path) {
    public static Fact of(String key, String value) {
      return new Fact(key, value, false);
    }
  }

  /** A node of the graph with its kind ({@code repo}, {@code image}, ...). */
  public record Node(ArtifactId id, String what) {}

  /**
   * One place where a version is written.
   *
   * @param file the absolute file
   * @param repoPath the file relative to its repo's root
   * @param value the value as the file writes it
   * @param version the version it parses to in the place's format; empty for a placeholder, a
   *     floating value or anything that is not a version
   * @param placeholder true when the policy there is a placeholder (git holds a fixed text)
   * @param field for a chart's own version: {@code version} or {@code appVersion}
   */
  public record Row(
      Path file,
      String repoPath,
      int line,
      int column,
      String value,
      Optional<Version> version,
      Optional<String> digest,
      String format,
      boolean placeholder,
      Optional<String> field,
      boolean pin,
      Optional<String> override) {}

  /**
   * One reference to it: who declares it, under which policy, and the places read.
   *
   * @param from the artifact that names it
   * @param placeholder the text git holds, for a placeholder policy
   * @param unversioned why the reference carries no version, when it says so
   * @param declaredAt where the graph declares the reference
   * @param note why no place was read, when none was (repo not checked out, file missing...)
   */
  public record Use(
      int index,
      ArtifactId from,
      Policy policy,
      Stamp stamp,
      Optional<String> placeholder,
      Optional<String> unversioned,
      Source declaredAt,
      List<Row> places,
      Optional<String> note) {
    public Use {
      places = List.copyOf(places);
    }
  }

  /**
   * Something that depends on it directly.
   *
   * @param via how: {@code references it}, {@code built from it}, or both
   */
  public record Dependent(ArtifactId id, String what, List<String> via) {
    public Dependent {
      via = List.copyOf(via);
    }
  }
}
