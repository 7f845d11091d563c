package dev.lockstep.release;

import dev.lockstep.exec.chart.ChartPackager;
import dev.lockstep.exec.chart.ChartPublisher;
import dev.lockstep.exec.chart.PackagedChart;
import dev.lockstep.exec.chart.PushResult;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.oci.RegistryCredentials;
import dev.lockstep.plan.Action;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The charts of a release: packaged from the release checkout (whose Chart.yaml the release commit
 * already stamped) into deterministic archives, compared with what the destination holds, then
 * published: into the output folder, or pushed (ChartPublisher refuses to overwrite).
 */
final class ChartReleases {

  /** A packaged chart and where the plan publishes it (nowhere: the output folder only). */
  record Packaged(
      Action.PackageChart action, PackagedChart chart, Optional<Action.PublishChart> publish) {}

  private final Targets targets;
  private final RegistryProbe probe;
  private final RegistryCredentials credentials;
  private final ReleaseListener listener;

  /** The chart archive digest each registry held at preflight (registry mode). */
  private final Map<ArtifactId, Optional<String>> registryState = new LinkedHashMap<>();

  ChartReleases(
      Targets targets,
      RegistryProbe probe,
      RegistryCredentials credentials,
      ReleaseListener listener) {
    this.targets = targets;
    this.probe = probe;
    this.credentials = credentials;
    this.listener = listener;
  }

  /** Preflight: reads each chart version from its registry (also proves the registry answers). */
  void readPublished(List<Action.PublishChart> publishes) throws IOException, InterruptedException {
    if (targets.embedded()) {
      return;
    }
    for (Action.PublishChart p : publishes) {
      registryState.put(
          p.artifact(),
          probe.chartContentDigest(targets.chartRepository(p.repository()), p.name(), p.version()));
    }
  }

  List<Packaged> packageAll(
      List<Action.PackageChart> charts,
      List<Action.PublishChart> publishes,
      Path checkout,
      Path staging)
      throws IOException {
    List<Packaged> out = new ArrayList<>();
    for (Action.PackageChart c : charts) {
      ReleaseStep step =
          new ReleaseStep(ReleaseStep.Kind.PACKAGE_CHART, c.artifact() + " " + c.version());
      listener.started(step);
      Path dir = c.path().isEmpty() || c.path().equals(".") ? checkout : checkout.resolve(c.path());
      PackagedChart packaged;
      try {
        packaged = ChartPackager.packageChart(dir, staging.resolve(c.artifact().value()));
      } catch (IllegalArgumentException | IOException e) {
        throw new BuildFailedException("chart " + c.artifact() + ": " + e.getMessage(), e);
      }
      if (!packaged.version().equals(c.version())) {
        throw new PlanMismatchException(
            "chart "
                + c.artifact()
                + " is version "
                + packaged.version()
                + " in the release commit, but the plan releases "
                + c.version()
                + "; declare its Chart.yaml version (placeholder or literal) in the graph");
      }
      Optional<Action.PublishChart> publish =
          publishes.stream().filter(p -> p.artifact().equals(c.artifact())).findFirst();
      if (publish.isPresent() && !publish.get().name().equals(packaged.name())) {
        throw new PlanMismatchException(
            "chart "
                + c.artifact()
                + " is named "
                + packaged.name()
                + " in Chart.yaml,"
                + " but its publish path ends in "
                + publish.get().name()
                + "; Helm pushes by the Chart.yaml name:"
                + " make them agree");
      }
      listener.finished(step, packaged.tgz().getFileName() + " sha256:" + packaged.sha256());
      out.add(new Packaged(c, packaged, publish));
    }
    return out;
  }

  /** Refuses when a destination already holds other content; run before anything is published. */
  void checkConflicts(List<Packaged> charts) throws IOException {
    for (Packaged p : charts) {
      if (pushes(p)) {
        Optional<String> there =
            registryState.getOrDefault(p.action().artifact(), Optional.empty());
        if (there.isPresent() && !there.get().equals(p.chart().contentDigest())) {
          throw new ContentConflictException(
              "chart "
                  + reference(p)
                  + " already exists with other content;"
                  + " chart versions are immutable: release another version");
        }
      } else {
        Path file = targets.chartFile(p.chart().name(), p.chart().version());
        if (Files.exists(file) && !OutputFiles.sameBytes(file, p.chart().tgz())) {
          throw new ContentConflictException(
              "chart file "
                  + file
                  + " already exists with other content; versions"
                  + " are immutable: move it away or release another version");
        }
      }
    }
  }

  /**
   * Publishes one chart; a push carries {@code created} (the release commit's time) as the
   * manifest's creation time, so a re-run or a re-release of the same commit gives the same
   * manifest digest.
   */
  Published publish(Packaged p, Instant created) throws IOException, InterruptedException {
    ArtifactId id = p.action().artifact();
    String reference = reference(p);
    ReleaseStep step = new ReleaseStep(ReleaseStep.Kind.PUBLISH_CHART, reference);
    listener.started(step);
    String digest = p.chart().contentDigest();
    if (!pushes(p)) {
      Path file = targets.chartFile(p.chart().name(), p.chart().version());
      if (Files.exists(file)) {
        listener.skipped(step, file.getFileName() + " already holds this chart (" + digest + ")");
        return new Published(id, "chart", reference, digest, Optional.of(file), 0, true);
      }
      OutputFiles.publish(p.chart().tgz(), file);
      listener.finished(step, "wrote " + file.getFileName() + " (" + digest + ")");
      return new Published(id, "chart", reference, digest, Optional.of(file), 0, false);
    }
    String repository = targets.chartRepository(p.publish().get().repository());
    String host = java.net.URI.create(repository).getRawAuthority();
    // The push itself skips a version the registry already holds with this content, and reads the
    // manifest digest there for the release manifest.
    PushResult pushed =
        ChartPublisher.push(
            p.chart().tgz(),
            repository,
            targets.plainHttp(host),
            targets.policy().credentialsAllowed(host) ? credentials.find(host) : Optional.empty(),
            created);
    listener.uploaded(step, pushed.bytesUploaded());
    if (pushed.alreadyPresent()) {
      listener.skipped(step, "the registry already holds this chart version (" + digest + ")");
    } else {
      listener.finished(step, "pushed " + pushed.digest());
    }
    return new Published(
        id,
        "chart",
        reference,
        digest,
        Optional.empty(),
        pushed.bytesUploaded(),
        pushed.alreadyPresent(),
        Optional.of(pushed.digest()));
  }

  /**
   * Charts with a publish path go to the registry when there is one; others only to the output
   * folder.
   */
  private boolean pushes(Packaged p) {
    return !targets.embedded() && p.publish().isPresent();
  }

  /**
   * {@code host/path/name:version}: where the chart is (or would be) published; its file name
   * otherwise.
   */
  private String reference(Packaged p) {
    if (p.publish().isEmpty()) {
      return p.chart().name() + ":" + p.chart().version();
    }
    String repository =
        targets.chartRepository(p.publish().get().repository()).replaceFirst("^oci://", "");
    return repository + "/" + p.chart().name() + ":" + p.chart().version();
  }
}
