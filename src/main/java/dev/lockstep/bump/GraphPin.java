package dev.lockstep.bump;

import dev.lockstep.locate.Locate;
import dev.lockstep.locate.LocateException;
import dev.lockstep.locate.Place;
import dev.lockstep.locate.TextFile;
import dev.lockstep.model.Artifact;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.BadInputException;
import dev.lockstep.model.Count;
import dev.lockstep.model.Locator;
import dev.lockstep.model.Query;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Version;
import dev.lockstep.rewrite.Edit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The graph's own pin of an external artifact ({@code external: { version: X }}) is a place like
 * any other: {@code bump} moves it with the YAML format's find and encode, byte for byte, so the
 * next {@code verify} does not report every bumped place as {@code external.pin-mismatch}.
 */
final class GraphPin {
  private GraphPin() {}

  /** The edit that moves {@code target}'s pin to {@code version}; empty when nothing to move. */
  static Optional<Edit> edit(ReleaseGraph graph, ArtifactId target, Version version) {
    Optional<Artifact> a = graph.artifact(target);
    if (a.isEmpty() || a.get().pinned().isEmpty() || graph.file() == null) {
      return Optional.empty();
    }
    Path file = graph.file();
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<String> path = List.of("artifacts", target.value(), "external", "version");
    Locator locator =
        new Locator(
            file.getFileName().toString(),
            new Query.Yaml(
                "." + String.join(".", path),
                path.stream().map(k -> (Query.YamlStep) new Query.YamlStep.Key(k)).toList(),
                Optional.empty()),
            Count.ONE,
            Optional.empty(),
            Optional.empty(),
            a.get().source());
    try {
      TextFile text = TextFile.of(file.getFileName().toString(), file, Files.readString(file));
      List<Place> places = new Locate().locateIn(text, locator).places();
      if (places.size() != 1) {
        throw BadInputException.plain(
            file
                + ": artifacts."
                + target
                + ".external.version is not one plain value here; move the pin by hand to "
                + version);
      }
      Place pin = places.get(0);
      String written =
          pin.value().startsWith("v")
              ? "v" + Version.withoutV(version.toString())
              : version.toString();
      if (pin.value().equals(written) || pin.value().equals(version.toString())) {
        return Optional.empty();
      }
      return Optional.of(new Edit(pin, version.toString()));
    } catch (IOException | LocateException e) {
      throw BadInputException.plain(
          file + ": cannot read the graph to move its pin: " + e.getMessage());
    }
  }
}
