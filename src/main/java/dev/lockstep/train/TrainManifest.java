package dev.lockstep.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lockstep.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The record of a release train ({@code train-ID.json} in the output folder): the train's repos and
 * versions in order, its stages, and per repo its tag, release commit, artifacts with digests and
 * whether it is released; for a repo being released, the steps done so far (written after each
 * step, so a train that stopped part-way shows where). No time stamps: a resumed train writes the
 * same bytes as a clean one.
 */
public record TrainManifest(List<String> train, List<List<String>> stages, List<Entry> repos) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public TrainManifest {
    train = List.copyOf(train);
    stages = stages.stream().map(List::copyOf).toList();
    repos = List.copyOf(repos);
  }

  /** Where one repo of the train stands. */
  public enum Status {
    PLANNED,
    /** Started and not finished: {@link Entry#done} lists the steps done so far. */
    RELEASING,
    RELEASED;

    String json() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One artifact of a released repo. */
  public record Artifact(String id, String kind, String reference, String digest) {}

  /**
   * @param commit the release commit, once released
   * @param done while {@link Status#RELEASING}, each step done so far ({@code publish image REF}),
   *     in the order they finished; empty otherwise
   */
  public record Entry(
      String repo,
      String version,
      String tag,
      Status status,
      Optional<String> commit,
      List<Artifact> artifacts,
      List<String> done) {
    public Entry {
      artifacts = List.copyOf(artifacts);
      done = List.copyOf(done);
    }

    public Entry(
        String repo,
        String version,
        String tag,
        Status status,
        Optional<String> commit,
        List<Artifact> artifacts) {
      this(repo, version, tag, status, commit, artifacts, List.of());
    }

    /** This entry, releasing, with {@code step} done too. */
    public Entry withDone(String step) {
      List<String> steps = new ArrayList<>(done);
      steps.add(step);
      return new Entry(repo, version, tag, Status.RELEASING, commit, artifacts, steps);
    }
  }

  public Optional<Entry> entry(String repo) {
    return repos.stream().filter(e -> e.repo().equals(repo)).findFirst();
  }

  /** The same manifest with {@code entry} replacing the entry of its repo. */
  public TrainManifest with(Entry entry) {
    List<Entry> out = new ArrayList<>();
    for (Entry e : repos) {
      out.add(e.repo().equals(entry.repo()) ? entry : e);
    }
    return new TrainManifest(train, stages, out);
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode t = root.putArray("train");
    train.forEach(t::add);
    ArrayNode s = root.putArray("stages");
    for (List<String> stage : stages) {
      ArrayNode a = s.addArray();
      stage.forEach(a::add);
    }
    ArrayNode rs = root.putArray("repos");
    for (Entry e : repos) {
      ObjectNode n = rs.addObject();
      n.put("repo", e.repo());
      n.put("version", e.version());
      n.put("tag", e.tag());
      n.put("status", e.status().json());
      n.put("commit", e.commit().orElse(null));
      ArrayNode arts = n.putArray("artifacts");
      for (Artifact a : e.artifacts()) {
        ObjectNode an = arts.addObject();
        an.put("id", a.id());
        an.put("kind", a.kind());
        an.put("reference", a.reference());
        an.put("digest", a.digest());
      }
      ArrayNode done = n.putArray("done");
      e.done().forEach(done::add);
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serializes", e);
    }
  }

  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    AtomicFiles.write(file, toJson());
  }

  /** Reads a manifest written by {@link #write}; empty when the file does not exist. */
  public static Optional<TrainManifest> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JsonNode root = JSON.readTree(file.toFile());
    List<String> train = new ArrayList<>();
    root.path("train").forEach(n -> train.add(n.asText()));
    List<List<String>> stages = new ArrayList<>();
    for (JsonNode stage : root.path("stages")) {
      List<String> s = new ArrayList<>();
      stage.forEach(n -> s.add(n.asText()));
      stages.add(s);
    }
    List<Entry> repos = new ArrayList<>();
    for (JsonNode n : root.path("repos")) {
      List<Artifact> arts = new ArrayList<>();
      for (JsonNode a : n.path("artifacts")) {
        arts.add(
            new Artifact(
                a.path("id").asText(),
                a.path("kind").asText(),
                a.path("reference").asText(),
                a.path("digest").isNull() ? null : a.path("digest").asText()));
      }
      List<String> done = new ArrayList<>();
      n.path("done").forEach(d -> done.add(d.asText()));
      repos.add(
          new Entry(
              n.path("repo").asText(),
              n.path("version").asText(),
              n.path("tag").asText(),
              Status.valueOf(n.path("status").asText().toUpperCase(java.util.Locale.ROOT)),
              n.path("commit").isNull() || n.path("commit").isMissingNode()
                  ? Optional.empty()
                  : Optional.of(n.path("commit").asText()),
              arts,
              done));
    }
    return Optional.of(new TrainManifest(train, stages, repos));
  }
}
