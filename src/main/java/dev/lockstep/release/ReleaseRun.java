package dev.lockstep.release;

import dev.lockstep.exec.chart.ChartConflictException;
import dev.lockstep.exec.image.ImageBuilder;
import dev.lockstep.files.AtomicFiles;
import dev.lockstep.gitrepo.GitCredentials;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ImageArtifact;
import dev.lockstep.model.PathNames;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.oci.ImageLabels;
import dev.lockstep.oci.ImageName;
import dev.lockstep.oci.RegistryCredentials;
import dev.lockstep.oci.RegistryException;
import dev.lockstep.plan.Action;
import dev.lockstep.plan.Plan;
import dev.lockstep.release.ReleaseException.Stage;
import dev.lockstep.release.ReleaseStep.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * One run of {@link Releaser}: the release guarantees of design section 6, in their order.
 * Preflight only reads; the release commit and tag are computed in memory; builds use a checkout of
 * the release commit; images, then charts are published; the git refs come last (pushed atomically,
 * then created locally), so a tag always means that everything it names exists.
 */
final class ReleaseRun {
  private static final int BUILD_THREADS = 2;

  private final Plan plan;
  private final ReleaseGraph graph;
  private final Repo repo;
  private final Repository git;
  private final ReleaseOptions options;
  private final ReleaseListener listener;
  private final Targets targets;
  private final ReleaseRefs refs;
  private final ImageBuilder imageBuilder;
  private final ImageReleases images;
  private final ChartReleases charts;
  private final RegistryProbe probe;
  private final Path work;
  private final Path checkout;
  private Stage stage = Stage.PREFLIGHT;

  // Known after preflight.
  private final PendingObjects objects = new PendingObjects();
  private InMemoryCommit release;
  private ObjectId tagObject;

  // Known after publishing.
  private final List<Published> published = new ArrayList<>();
  private final List<ReleaseManifest.Reference> references = new ArrayList<>();

  ReleaseRun(
      Plan plan,
      ReleaseGraph graph,
      Repo repo,
      Repository git,
      ReleaseOptions options,
      RegistryCredentials credentials,
      GitCredentials gitCredentials,
      ReleaseListener listener) {
    this.plan = plan;
    this.graph = graph;
    this.repo = repo;
    this.git = git;
    this.options = options;
    this.listener = listener;
    this.targets = new Targets(options);
    this.refs =
        new ReleaseRefs(
            git,
            plan.tag(),
            plan.releaseBranch(),
            plan.version().toString(),
            gitCredentials,
            listener);
    this.probe = new RegistryProbe(targets, credentials);
    this.imageBuilder = new ImageBuilder(credentials);
    // One scratch folder per repo (not per version): jib's layer cache keys on source paths and
    // times, so the next release's unchanged files hit the cache. A re-run starts it afresh.
    this.work = workDir(options.cacheDir(), plan.repo());
    this.checkout = work.resolve("checkout");
    this.images =
        new ImageReleases(
            imageBuilder,
            targets,
            checkout,
            probe,
            options.cacheDir().toAbsolutePath().normalize().resolve("jib"),
            listener);
    this.charts = new ChartReleases(targets, probe, credentials, listener);
  }

  /**
   * Runs the release holding a lock on {@code <cache>/work/<repo>.lock}: two releases of one repo
   * sharing a cache would clear each other's scratch folder. The lock is the operating system's, so
   * a killed run leaves none behind.
   */
  ReleaseResult execute() throws InterruptedException {
    Path lockFile = lockFile(options.cacheDir(), plan.repo());
    java.nio.channels.FileChannel channel;
    java.nio.channels.FileLock lock;
    try {
      Files.createDirectories(lockFile.getParent());
      channel =
          java.nio.channels.FileChannel.open(
              lockFile,
              java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.WRITE);
      try {
        lock = channel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null;
      }
    } catch (IOException e) {
      throw new LocalIoException(
          "cannot lock the cache folder " + lockFile.getParent() + ": " + e.getMessage(),
          Stage.PREFLIGHT,
          e);
    }
    if (lock == null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing held
      }
      throw new CacheBusyException(
          "another release of "
              + plan.repo()
              + " is running with the cache "
              + lockFile.getParent().getParent()
              + "; wait for it to finish, or pass another --cache");
    }
    try {
      return executeLocked();
    } finally {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        // the lock goes with the process anyway
      }
    }
  }

  private ReleaseResult executeLocked() throws InterruptedException {
    long start = System.nanoTime();
    preflight();
    stage = Stage.BUILD;
    ReleaseStep commitStep = new ReleaseStep(Kind.COMMIT, plan.releaseBranch());
    listener.started(commitStep);
    io(
        () -> {
          objects.insert(git); // objects only: no ref names them until every artifact is published
          return null;
        });
    listener.finished(commitStep, release.commit().name());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            BUILD_THREADS,
            r -> {
              Thread t = new Thread(r, "lockstep-release");
              t.setDaemon(true);
              return t;
            });
    try {
      buildAndPublish(pool);
    } finally {
      pool.shutdownNow();
      try {
        OutputFiles.deleteTree(work);
      } catch (IOException e) {
        // Scratch space only; the next run of this release clears it first.
      }
    }
    stage = Stage.TAG;
    io(
        () -> {
          refs.createReleaseRefs(stage);
          return null;
        });
    Path manifestFile = writeManifest();
    stage = Stage.AFTER;
    io(
        () -> {
          refs.createAfterBranch(stage);
          return null;
        });
    long bytes = published.stream().mapToLong(Published::bytesUploaded).sum();
    return new ReleaseResult(
        plan.tag(),
        release.commit().name(),
        plan.releaseBranch(),
        afterAction().map(Action.AfterReleaseBranch::branch),
        manifestFile,
        manifest(),
        bytes,
        refs.pushes(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** The preflight alone: reads only (a release train checks every repo before publishing). */
  void preflightOnly() throws InterruptedException {
    preflight();
  }

  // ---------------------------------------------------------------- 1. preflight: reads only

  private void preflight() throws InterruptedException {
    ReleaseStep step = new ReleaseStep(Kind.PREFLIGHT, plan.repo() + " " + plan.version());
    listener.started(step);
    List<String> dirty =
        io(() -> WorkTreeGuard.dirtyFiles(git, List.of(options.outputDir(), options.cacheDir())));
    if (!dirty.isEmpty()) {
      throw new DirtyWorkTreeException(plan.repo().value(), dirty);
    }
    Action.ReleaseCommit rc = single(Action.ReleaseCommit.class);
    RevCommit base = io(() -> baseCommit(rc.base()));
    PersonIdent who = ReleaseIdentity.of(git.getConfig(), base);
    release =
        io(
            () ->
                InMemoryCommit.on(
                    git, base, plan.actions(Action.RewriteFile.class), who, rc.message(), objects));
    String tagMessage =
        plan.actions(Action.Tag.class).stream()
            .findFirst()
            .map(Action.Tag::message)
            .orElse("Release " + plan.repo() + " " + plan.version());
    tagObject =
        io(() -> InMemoryCommit.tag(release.commit(), plan.tag(), who, tagMessage, objects));
    Optional<ReleaseRefs.AfterBranch> after = Optional.empty();
    Optional<Action.AfterReleaseBranch> afterAction = afterAction();
    if (afterAction.isPresent()) {
      String message =
          "Move "
              + plan.repo()
              + "'s references to its release "
              + plan.version()
              + "\n\n"
              + "Literal self-references now name "
              + plan.tag()
              + " (made by lockstep release).";
      InMemoryCommit afterCommit =
          io(
              () ->
                  InMemoryCommit.on(
                      git, base, afterAction.get().rewrites(), who, message, objects));
      after = Optional.of(new ReleaseRefs.AfterBranch(afterAction.get().branch(), afterCommit));
    }
    ReleaseRefs.RefTargets refTargets =
        new ReleaseRefs.RefTargets(release.commit(), tagObject, after);
    io(
        () -> {
          refs.check(refTargets, !targets.embedded());
          return null;
        });
    for (Action.PackageChart pc : plan.actions(Action.PackageChart.class)) {
      List<String> missing = io(() -> ChartDependencies.missing(git, base, pc.path()));
      if (!missing.isEmpty()) {
        throw new PlanMismatchException(
            "chart "
                + pc.artifact()
                + " depends on "
                + String.join(", ", missing)
                + ", which "
                + pc.path()
                + "/charts/ does not hold; lockstep packages offline from the release commit:"
                + " run helm dependency build "
                + pc.path()
                + " and commit charts/");
      }
    }
    checkArtifacts();
    listener.finished(
        step,
        "release commit "
            + RefGuard.abbreviate(release.commit())
            + " on "
            + rc.base()
            + " "
            + RefGuard.abbreviate(base));
  }

  private RevCommit baseCommit(String base) throws IOException {
    ObjectId id = git.resolve(base);
    if (id == null) {
      throw new PlanMismatchException("branch " + base + " of " + plan.repo() + " does not exist");
    }
    ObjectId head = git.resolve(Constants.HEAD);
    if (!id.equals(head)) {
      // The planner read the work tree: it must be the state the release commit starts from.
      throw new PlanMismatchException(
          "the checkout of "
              + plan.repo()
              + " is at "
              + (head == null ? "no commit" : RefGuard.abbreviate(head))
              + ", not at the head of "
              + base
              + " ("
              + RefGuard.abbreviate(id)
              + "); check out "
              + base
              + " and plan again");
    }
    try (RevWalk walk = new RevWalk(git)) {
      return walk.parseCommit(id);
    }
  }

  private void checkArtifacts() throws InterruptedException {
    List<Action.BuildImage> builds = plan.actions(Action.BuildImage.class);
    Set<ArtifactId> built = new LinkedHashSet<>();
    builds.forEach(b -> built.add(b.artifact()));
    for (Action.BuildImage b : builds) {
      Optional<ArtifactId> base =
          graph
              .artifact(b.artifact())
              .filter(ImageArtifact.class::isInstance)
              .map(ImageArtifact.class::cast)
              .flatMap(ImageArtifact::base);
      if (base.isPresent() && built.contains(base.get())) {
        throw new PlanMismatchException(
            "image "
                + b.artifact()
                + " is built on image "
                + base.get()
                + " of the same release, which lockstep cannot build on before it is published; build "
                + base.get()
                + " in an earlier release");
      }
    }
    io(
        () -> {
          images.readPublished(builds);
          charts.readPublished(plan.actions(Action.PublishChart.class));
          return null;
        });
    for (Action.CheckImage c : plan.actions(Action.CheckImage.class)) {
      checkImageBuiltElsewhere(c);
    }
  }

  /**
   * An image of ours built by another tool must already be at the release's tag, built from the
   * release commit.
   */
  private void checkImageBuiltElsewhere(Action.CheckImage c) throws InterruptedException {
    String reference = targets.image(c.reference());
    ReleaseStep step = new ReleaseStep(Kind.CHECK_IMAGE, reference);
    listener.started(step);
    if (targets.embedded()) {
      listener.skipped(step, "built elsewhere; the embedded default has no registry to look in");
      // Still listed in the manifest: the release's charts name it. Its digest is not known here.
      published.add(
          new Published(c.artifact(), "image", reference, null, Optional.empty(), 0, true));
      return;
    }
    ImageName ref = Targets.tagged(reference);
    Optional<String> digest = io(() -> probe.imageDigest(ref));
    if (digest.isEmpty()) {
      throw new ImageMissingException(
          "image "
              + reference
              + " ("
              + c.artifact()
              + ", built elsewhere) does not exist;"
              + " build and push it first: the release's charts and files name it");
    }
    Optional<String> revision = io(() -> probe.revisionLabel(ref));
    if (revision.isPresent() && !revision.get().equals(release.commit().name())) {
      throw new ImageMissingException(
          "image "
              + reference
              + " ("
              + c.artifact()
              + ") is labelled with revision "
              + revision.get()
              + ", not the release commit "
              + release.commit().name()
              + "; rebuild it from the release commit");
    }
    listener.finished(step, digest.get());
    published.add(
        new Published(c.artifact(), "image", reference, digest.get(), Optional.empty(), 0, true));
  }

  // ---------------------------------------------------------------- 3, 4. build, then publish

  private void buildAndPublish(ExecutorService pool) throws InterruptedException {
    Path staging = work.resolve("staging");
    io(
        () -> {
          OutputFiles.deleteTree(work);
          Files.createDirectories(staging);
          ReleaseStep step = new ReleaseStep(Kind.CHECKOUT, RefGuard.abbreviate(release.commit()));
          listener.started(step);
          int files = TreeCheckout.extract(git, release.commit(), checkout);
          listener.finished(step, files + " files");
          return null;
        });
    // Charts first, before any prepare command writes into the checkout: a chart is exactly what
    // the tag holds.
    List<ChartReleases.Packaged> packaged =
        io(
            () ->
                charts.packageAll(
                    plan.actions(Action.PackageChart.class),
                    plan.actions(Action.PublishChart.class),
                    checkout,
                    staging.resolve("charts")));
    runPrepareCommands();
    List<ImageReleases.Staged> staged = buildImages(pool, staging.resolve("images"));
    io(
        () -> {
          images.checkConflicts(staged);
          charts.checkConflicts(packaged);
          return null;
        });
    stage = Stage.PUBLISH;
    io(() -> published.addAll(images.publish(staged, pool)));
    Instant created = Instant.ofEpochSecond(io(() -> commitTime(release.commit())));
    for (ChartReleases.Packaged p : packaged) {
      published.add(io(() -> charts.publish(p, created)));
    }
    AssetReleases assets = new AssetReleases(checkout, targets.outputDir(), listener);
    published.addAll(io(() -> assets.publish(plan.actions(Action.BuildAsset.class))));
    references.addAll(io(() -> ReleaseReferences.read(graph, plan.repo(), checkout)));
  }

  /**
   * Each distinct prepare command once, one after another: two builds in one folder must not race.
   */
  private void runPrepareCommands() throws InterruptedException {
    Map<List<String>, List<String>> commands = new LinkedHashMap<>();
    for (Action.BuildImage b : plan.actions(Action.BuildImage.class)) {
      if (!b.recipe().prepare().isEmpty()) {
        commands
            .computeIfAbsent(b.recipe().prepare(), k -> new ArrayList<>())
            .add("image " + b.artifact().value());
      }
    }
    for (Action.BuildAsset a : plan.actions(Action.BuildAsset.class)) {
      if (!a.prepare().isEmpty()) {
        commands
            .computeIfAbsent(a.prepare(), k -> new ArrayList<>())
            .add("asset " + a.artifact().value());
      }
    }
    if (commands.isEmpty()) {
      return;
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("LOCKSTEP_VERSION", plan.version().toString());
    env.put("LOCKSTEP_TAG", plan.tag());
    env.put("LOCKSTEP_COMMIT", release.commit().name());
    env.put("SOURCE_DATE_EPOCH", Long.toString(io(() -> commitTime(release.commit()))));
    PrepareRunner runner = new PrepareRunner(checkout, env, listener);
    for (Map.Entry<List<String>, List<String>> c : commands.entrySet()) {
      runner.run(c.getKey(), String.join(", ", c.getValue()));
    }
  }

  private List<ImageReleases.Staged> buildImages(ExecutorService pool, Path staging)
      throws InterruptedException {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ImageLabels.REVISION, release.commit().name());
    labels.put(ImageLabels.VERSION, plan.version().toString());
    repo.url().ifPresent(url -> labels.put(ImageLabels.SOURCE, url));
    return io(
        () -> {
          Files.createDirectories(staging);
          try {
            return images.build(plan.actions(Action.BuildImage.class), staging, labels, pool);
          } catch (RegistryException e) {
            throw e;
          } catch (IOException e) {
            throw new BuildFailedException("image build failed: " + e.getMessage(), e);
          }
        });
  }

  // ---------------------------------------------------------------- 6. manifest

  private ReleaseManifest manifest() {
    List<ReleaseManifest.Artifact> artifacts = new ArrayList<>();
    Path out = targets.outputDir();
    for (Published p : published) {
      artifacts.add(
          new ReleaseManifest.Artifact(
              p.id().value(),
              p.kind(),
              p.reference(),
              p.digest(),
              p.file().map(f -> out.relativize(f).toString().replace('\\', '/')),
              p.manifestDigest()));
    }
    return new ReleaseManifest(
        plan.repo().value(),
        plan.version().toString(),
        plan.tag(),
        release.commit().name(),
        plan.releaseBranch(),
        artifacts,
        references);
  }

  /** {@code <cache>/work/<repo>}: the repo's scratch folder, checked to stay in the cache. */
  static Path workDir(Path cacheDir, ArtifactId repo) {
    return PathNames.child(cacheDir.toAbsolutePath().normalize().resolve("work"), repo.value());
  }

  /** {@code <cache>/work/<repo>.lock}, beside the scratch folder. */
  static Path lockFile(Path cacheDir, ArtifactId repo) {
    return PathNames.child(
        cacheDir.toAbsolutePath().normalize().resolve("work"), repo.value() + ".lock");
  }

  /** The release manifest in the output folder, checked to stay there. */
  static Path manifestFile(Path outputDir, String name) {
    return PathNames.child(outputDir, name);
  }

  private Path writeManifest() throws InterruptedException {
    String name =
        plan.actions(Action.WriteManifest.class).stream()
            .findFirst()
            .map(Action.WriteManifest::file)
            .orElse("release-" + plan.repo() + "-" + plan.version() + ".json");
    Path file = manifestFile(targets.outputDir(), name);
    ReleaseStep step = new ReleaseStep(Kind.MANIFEST, file.toString());
    listener.started(step);
    io(
        () -> {
          Files.createDirectories(file.getParent());
          AtomicFiles.write(file, manifest().toJson());
          return null;
        });
    listener.finished(step, published.size() + " artifacts, " + references.size() + " references");
    return file;
  }

  // ---------------------------------------------------------------- helpers

  private Optional<Action.AfterReleaseBranch> afterAction() {
    return plan.actions(Action.AfterReleaseBranch.class).stream()
        .filter(a -> !a.rewrites().isEmpty())
        .findFirst();
  }

  private <T extends Action> T single(Class<T> type) {
    List<T> found = plan.actions(type);
    if (found.size() != 1) {
      throw new PlanMismatchException(
          "the plan has "
              + found.size()
              + " "
              + type.getSimpleName()
              + " steps, expected one; plan the release again");
    }
    return found.get(0);
  }

  private long commitTime(ObjectId commit) throws IOException {
    try (RevWalk walk = new RevWalk(git)) {
      return walk.parseCommit(commit).getCommitterIdent().getWhenAsInstant().getEpochSecond();
    }
  }

  @FunctionalInterface
  private interface IoWork<T> {
    T run() throws IOException, InterruptedException, GitAPIException;
  }

  /**
   * Turns the failures of the parts into this release's one-line failures, with the stage's advice.
   */
  private <T> T io(IoWork<T> work) throws InterruptedException {
    try {
      return work.run();
    } catch (ChartConflictException e) {
      throw new ContentConflictException(e.getMessage(), stage, e);
    } catch (RegistryException e) {
      throw new RegistryAccessException(e.getMessage(), stage, e);
    } catch (IOException e) {
      throw new LocalIoException(e.getClass().getSimpleName() + ": " + e.getMessage(), stage, e);
    } catch (GitAPIException e) {
      throw new LocalIoException("git: " + e.getMessage(), stage, e);
    }
  }
}
