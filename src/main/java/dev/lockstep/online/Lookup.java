package dev.lockstep.online;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.Redact;
import dev.lockstep.oci.ImageName;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One question to ask the outside world: does this version exist? Equal lookups are asked once;
 * that is what makes many places naming the same version cheap.
 */
public sealed interface Lookup {

  /**
   * What is looked for, as a person names it: {@code ghcr.io/acme/app:1.0.0}, {@code tag v1.0.0 of
   * lib}.
   */
  String display();

  /**
   * A git tag of a repo: in its checkout first, then by {@code git ls-remote --tags} of its url.
   *
   * @param checkout the repo's work tree when it is checked out
   * @param url the graph's {@code url:}, else the checkout's {@code origin}
   */
  record GitTag(ArtifactId repo, Optional<Path> checkout, Optional<String> url, String tag)
      implements Lookup {
    @Override
    public String display() {
      return "tag " + tag + " of " + repo;
    }
  }

  /**
   * A tag in an OCI registry: an image, or a chart pushed with Helm ({@code +} is written {@code
   * _}).
   *
   * @param digest a digest the place pins beside the tag; its manifest must exist too
   */
  record RegistryTag(String kind, ImageName name, String tag, Optional<String> digest)
      implements Lookup {
    @Override
    public String display() {
      return (kind.equals("chart") ? "chart " : "")
          + name.repositoryName()
          + ":"
          + tag
          + digest.map(d -> "@" + d).orElse("");
    }
  }

  /** A chart version in a classic Helm repository's {@code index.yaml}. */
  record HelmIndex(String url, String chart, String version) implements Lookup {
    @Override
    public String display() {
      return "chart " + chart + " " + version + " in " + Redact.userInfo(url);
    }
  }

  /** Nowhere to ask: the graph does not say where this version would be. */
  record Unresolvable(String what, String reason) implements Lookup {
    @Override
    public String display() {
      return what;
    }
  }
}
