package dev.lockstep.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The record of a release: every artifact with its digest, the commit, and the version written at
 * each reference of the released repo. It holds no time stamps, so a resumed release writes the
 * same bytes as a clean one; it doubles as the versions export.
 */
public record ReleaseManifest(
    String repo,
    String version,
    String tag,
    String commit,
    String branch,
    List<Artifact> artifacts,
    List<Reference> references) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public ReleaseManifest {
    artifacts = List.copyOf(artifacts);
    references = List.copyOf(references);
  }

  /**
   * @param kind {@code image} or {@code chart}
   * @param reference where it was published: {@code host/name:tag}, for charts {@code
   *     host/path/name:version}
   * @param digest images: the manifest digest; charts: the digest of the chart archive (the same
   *     wherever the chart goes)
   * @param file the file in the output folder (relative to it), for the embedded default
   * @param manifestDigest charts pushed to a registry: the OCI manifest digest at the chart's tag.
   *     lockstep pushes with the release commit's time as the creation time, so a re-release of the
   *     same commit gives the same digest, and {@code audit} compares it with the registry's
   */
  public record Artifact(
      String id,
      String kind,
      String reference,
      String digest,
      Optional<String> file,
      Optional<String> manifestDigest) {

    public Artifact(
        String id, String kind, String reference, String digest, Optional<String> file) {
      this(id, kind, reference, digest, file, Optional.empty());
    }
  }

  /** One place of the released repo that names a version, as the release commit writes it. */
  public record Reference(String from, String to, String file, int line, String value) {}

  public Optional<Artifact> artifact(String id) {
    return artifacts.stream().filter(a -> a.id().equals(id)).findFirst();
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("repo", repo);
    root.put("version", version);
    root.put("tag", tag);
    root.put("commit", commit);
    root.put("branch", branch);
    ArrayNode arts = root.putArray("artifacts");
    for (Artifact a : artifacts) {
      ObjectNode n = arts.addObject();
      n.put("id", a.id());
      n.put("kind", a.kind());
      n.put("reference", a.reference());
      n.put("digest", a.digest());
      if (a.file().isPresent()) {
        n.put("file", a.file().get());
      } else {
        n.putNull("file");
      }
      if (a.kind().equals("chart")) {
        if (a.manifestDigest().isPresent()) {
          n.put("manifestDigest", a.manifestDigest().get());
        } else {
          n.putNull("manifestDigest");
        }
      }
    }
    ArrayNode refs = root.putArray("references");
    for (Reference r : references) {
      ObjectNode n = refs.addObject();
      n.put("from", r.from());
      n.put("to", r.to());
      n.put("file", r.file());
      n.put("line", r.line());
      n.put("value", r.value());
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serializes", e);
    }
  }
}
