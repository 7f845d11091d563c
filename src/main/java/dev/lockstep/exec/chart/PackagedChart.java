package dev.lockstep.exec.chart;

import java.nio.file.Path;

/**
 * A chart archive with deterministic bytes.
 *
 * @param tgz the archive, named NAME-VERSION.tgz
 * @param sha256 lower-case hex of the archive's SHA-256; as an OCI digest, "sha256:" + this
 */
public record PackagedChart(Path tgz, String name, String version, String sha256) {

  /** The digest the archive gets as the chart content layer of an OCI artifact. */
  public String contentDigest() {
    return "sha256:" + sha256;
  }
}
