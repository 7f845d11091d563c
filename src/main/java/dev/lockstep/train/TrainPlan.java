package dev.lockstep.train;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.Version;
import dev.lockstep.plan.Plan;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A release train: the repos, their versions and order, and each repo's release {@link Plan} with
 * the moves of its references to the other repos of the train.
 *
 * @param versions in release order
 * @param plans each repo's plan; a downstream plan computed before its upstreams' images are built
 *     leaves their digest places as they are ({@link #pending})
 * @param pending per repo, the digest places that are written once the upstream image is built
 */
public record TrainPlan(
    Map<ArtifactId, Version> versions,
    TrainOrder order,
    Map<ArtifactId, Plan> plans,
    Map<ArtifactId, List<String>> pending) {

  public TrainPlan {
    versions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    plans = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(plans));
    pending = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pending));
  }

  /** {@code repo=version} for each repo, in release order: the arguments that name this train. */
  public List<String> arguments() {
    return versions.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  /** A short id of the train (its repos and versions), which names its manifest file. */
  public String id() {
    List<String> sorted = arguments().stream().sorted().toList();
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(String.join("\n", sorted).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public String manifestFile() {
    return "train-" + id() + ".json";
  }
}
