package dev.lockstep.release;

import dev.lockstep.exec.ProgressListener;
import dev.lockstep.exec.image.BuiltImage;
import dev.lockstep.exec.image.ImageBuilder;
import dev.lockstep.exec.image.ImageRecipe;
import dev.lockstep.exec.image.ImageTarget;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ImageBuild;
import dev.lockstep.model.PathNames;
import dev.lockstep.oci.ImageName;
import dev.lockstep.plan.Action;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * The images of a release: first built with jib-core into staging tarballs (the build is
 * reproducible, so the staged digest is the digest a push will produce), compared with what the
 * destination already holds, then published: copied into the output folder, or pushed.
 */
final class ImageReleases {
  /** An image built into {@code tarball}, to be published as {@code reference}. */
  record Staged(
      Action.BuildImage action,
      String reference,
      Path tarball,
      String digest,
      ImageRecipe recipe) {}

  private final ImageBuilder builder;
  private final Targets targets;

  /**
   * The release checkout: layers come from it (the push rebuilds from it, with jib's cached
   * layers).
   */
  private final Path checkout;

  private final RegistryProbe probe;
  private final Path jibCache;
  private final ReleaseListener listener;

  /** What each image's destination held at preflight: the digest at its tag (registry mode). */
  private final Map<ArtifactId, Optional<String>> registryState = new LinkedHashMap<>();

  ImageReleases(
      ImageBuilder builder,
      Targets targets,
      Path checkout,
      RegistryProbe probe,
      Path jibCache,
      ReleaseListener listener) {
    this.builder = builder;
    this.targets = targets;
    this.checkout = checkout;
    this.probe = probe;
    this.jibCache = jibCache;
    this.listener = listener;
  }

  /** Preflight: reads each image tag from its registry (also proves the registry answers). */
  void readPublished(List<Action.BuildImage> builds) throws IOException, InterruptedException {
    if (targets.embedded()) {
      return;
    }
    for (Action.BuildImage b : builds) {
      registryState.put(
          b.artifact(), probe.imageDigest(Targets.tagged(targets.image(b.reference()))));
    }
  }

  List<Staged> build(
      List<Action.BuildImage> builds,
      Path staging,
      Map<String, String> releaseLabels,
      ExecutorService pool)
      throws IOException, InterruptedException {
    List<Callable<Staged>> tasks = new ArrayList<>();
    for (Action.BuildImage b : builds) {
      tasks.add(() -> buildOne(b, staging, releaseLabels));
    }
    return Parallel.all(pool, tasks);
  }

  /** {@code <staging>/<artifact>.tar}, checked to stay in the staging folder. */
  static Path stagedTarball(Path staging, ArtifactId artifact) {
    return PathNames.child(staging, artifact.value() + ".tar");
  }

  private Staged buildOne(Action.BuildImage b, Path staging, Map<String, String> releaseLabels)
      throws IOException, InterruptedException {
    String reference = targets.image(b.reference());
    ReleaseStep step = new ReleaseStep(ReleaseStep.Kind.BUILD_IMAGE, reference);
    listener.started(step);
    ImageRecipe recipe = recipe(b, releaseLabels);
    Path tarball = stagedTarball(staging, b.artifact());
    boolean insecureBase =
        recipe
            .base()
            .map(base -> targets.plainHttp(ImageName.parse(base).registry()))
            .orElse(false);
    BuiltImage built;
    try {
      built =
          builder.build(
              recipe,
              checkout,
              ImageTarget.tarball(tarball, reference, insecureBase),
              jibCache,
              progress(step));
    } catch (IllegalArgumentException e) {
      throw new BuildFailedException("image " + b.artifact() + ": " + e.getMessage(), e);
    }
    listener.finished(step, built.digest());
    return new Staged(b, reference, tarball, built.digest(), recipe);
  }

  /** Refuses when a destination already holds other content; run before anything is published. */
  void checkConflicts(List<Staged> staged) throws IOException {
    for (Staged s : staged) {
      if (targets.embedded()) {
        Path file = targets.imageFile(s.action().artifact(), s.action().reference());
        if (Files.exists(file) && !OutputFiles.sameBytes(file, s.tarball())) {
          throw new ContentConflictException(
              "image file "
                  + file
                  + " already exists with other content; versions"
                  + " are immutable: move it away or release another version");
        }
      } else {
        Optional<String> there =
            registryState.getOrDefault(s.action().artifact(), Optional.empty());
        if (there.isPresent() && !there.get().equals(s.digest())) {
          throw new ContentConflictException(
              "image "
                  + s.reference()
                  + " already exists with other content ("
                  + there.get()
                  + "; this release builds "
                  + s.digest()
                  + "); image tags are immutable:"
                  + " release another version");
        }
      }
    }
  }

  List<Published> publish(List<Staged> staged, ExecutorService pool)
      throws IOException, InterruptedException {
    List<Callable<Published>> tasks = new ArrayList<>();
    for (Staged s : staged) {
      tasks.add(() -> publishOne(s));
    }
    return Parallel.all(pool, tasks);
  }

  private Published publishOne(Staged s) throws IOException, InterruptedException {
    ArtifactId id = s.action().artifact();
    ReleaseStep step = new ReleaseStep(ReleaseStep.Kind.PUBLISH_IMAGE, s.reference());
    listener.started(step);
    if (targets.embedded()) {
      Path file = targets.imageFile(id, s.action().reference());
      if (Files.exists(file)) {
        listener.skipped(
            step, file.getFileName() + " already holds this image (" + s.digest() + ")");
        return new Published(id, "image", s.reference(), s.digest(), Optional.of(file), 0, true);
      }
      OutputFiles.publish(s.tarball(), file);
      listener.finished(step, "wrote " + file.getFileName() + " (" + s.digest() + ")");
      return new Published(id, "image", s.reference(), s.digest(), Optional.of(file), 0, false);
    }
    if (registryState.getOrDefault(id, Optional.empty()).isPresent()) {
      listener.skipped(step, "the registry already holds this image (" + s.digest() + ")");
      return new Published(id, "image", s.reference(), s.digest(), Optional.empty(), 0, true);
    }
    ImageName ref = Targets.tagged(s.reference());
    BuiltImage pushed =
        builder.build(
            s.recipe(),
            checkout,
            ImageTarget.registry(s.reference(), targets.plainHttp(ref.registry())),
            jibCache,
            progress(step));
    if (!pushed.digest().equals(s.digest())) {
      throw new BuildFailedException(
          "image "
              + id
              + " pushed as "
              + pushed.digest()
              + " but was built as "
              + s.digest()
              + ": its build is not reproducible (does a prepare command write varying files?)",
          null);
    }
    listener.uploaded(step, pushed.bytesPushed());
    listener.finished(step, "pushed " + pushed.digest());
    return new Published(
        id, "image", s.reference(), s.digest(), Optional.empty(), pushed.bytesPushed(), false);
  }

  private ProgressListener progress(ReleaseStep step) {
    return (subject, phase, done, total) -> listener.progress(step, phase, done, total);
  }

  /** The graph's recipe with the release labels on top: revision, version, source. */
  static ImageRecipe recipe(Action.BuildImage b, Map<String, String> releaseLabels) {
    ImageBuild build = b.recipe();
    Map<String, String> labels = new TreeMap<>(build.labels());
    labels.putAll(b.labels());
    labels.putAll(releaseLabels);
    List<ImageRecipe.Layer> layers = new ArrayList<>();
    try {
      for (ImageBuild.Layer l : build.layers()) {
        layers.add(new ImageRecipe.Layer(l.from(), l.to()));
      }
    } catch (IllegalArgumentException e) {
      throw new BuildFailedException("image " + b.artifact() + ": " + e.getMessage(), e);
    }
    return new ImageRecipe(
        build.from(),
        layers,
        build.entrypoint(),
        build.env(),
        labels,
        build.workdir(),
        build.user());
  }
}
