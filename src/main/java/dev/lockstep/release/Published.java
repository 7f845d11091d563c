package dev.lockstep.release;

import dev.lockstep.model.ArtifactId;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An artifact as this release left it published.
 *
 * @param kind {@code image}, {@code chart} or {@code asset}
 * @param file the file in the output folder, for the embedded default
 * @param bytesUploaded blob bytes pushed in this run
 * @param alreadyThere published by an earlier run with identical content: nothing was done
 * @param manifestDigest for a chart pushed to a registry: the OCI manifest digest at its tag
 *     ({@code digest} is the chart archive's)
 */
record Published(
    ArtifactId id,
    String kind,
    String reference,
    String digest,
    Optional<Path> file,
    long bytesUploaded,
    boolean alreadyThere,
    Optional<String> manifestDigest) {

  Published(
      ArtifactId id,
      String kind,
      String reference,
      String digest,
      Optional<Path> file,
      long bytesUploaded,
      boolean alreadyThere) {
    this(id, kind, reference, digest, file, bytesUploaded, alreadyThere, Optional.empty());
  }
}
