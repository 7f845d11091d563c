package dev.lockstep.release;

import dev.lockstep.gitrepo.GitCredentials;
import dev.lockstep.gitrepo.GitRepo;
import dev.lockstep.model.ReleaseGraph;
import dev.lockstep.model.Repo;
import dev.lockstep.oci.RegistryCredentials;
import dev.lockstep.plan.Plan;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * Carries out a release {@link Plan} (design section 6): preflight that changes nothing, the
 * release commit made in memory on top of main, images and charts built from a clean checkout of
 * it, published (images, then charts), then the tag and release branch (pushed atomically when
 * releasing to a registry and the repo has an {@code origin}), the release manifest, and the
 * after-release branch. {@code main} and its work tree are never modified. Every object is
 * deterministic, so a re-run after any failure skips what is already there and converges to what a
 * clean run gives.
 *
 * <pre>
 * ReleaseResult r = new Releaser().run(plan, graph, ReleaseOptions.embedded(out, cache), ReleaseListener.NONE);
 * </pre>
 */
public final class Releaser {
  private final RegistryCredentials credentials;
  private final GitCredentials gitCredentials;

  /**
   * Registry credentials from {@link RegistryCredentials#fromEnvironment()}, git credentials from
   * {@link GitCredentials#fromEnvironment()}.
   */
  public Releaser() {
    this(RegistryCredentials.fromEnvironment());
  }

  /** Git credentials from {@link GitCredentials#fromEnvironment()}. */
  public Releaser(RegistryCredentials credentials) {
    this(credentials, GitCredentials.fromEnvironment());
  }

  public Releaser(RegistryCredentials credentials, GitCredentials gitCredentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.gitCredentials = Objects.requireNonNull(gitCredentials, "gitCredentials");
  }

  /**
   * @throws ReleaseException with a one-line message; {@link ReleaseException#isRefusal()} when
   *     nothing was published
   */
  public ReleaseResult run(
      Plan plan, ReleaseGraph graph, ReleaseOptions options, ReleaseListener listener)
      throws InterruptedException {
    return withRun(plan, graph, options, listener, ReleaseRun::execute);
  }

  /**
   * Only the preflight of {@link #run}: reads the work tree, refs, remote and registry, changes
   * nothing. A release train checks every repo this way before it publishes anything.
   *
   * @throws ReleaseException (a refusal) when {@link #run} would refuse
   */
  public void preflight(
      Plan plan, ReleaseGraph graph, ReleaseOptions options, ReleaseListener listener)
      throws InterruptedException {
    withRun(
        plan,
        graph,
        options,
        listener,
        r -> {
          r.preflightOnly();
          return null;
        });
  }

  /** What to do with a release run of the plan's repo, opened for the length of the call. */
  private interface RunStep<T> {
    T apply(ReleaseRun run) throws InterruptedException;
  }

  private <T> T withRun(
      Plan plan,
      ReleaseGraph graph,
      ReleaseOptions options,
      ReleaseListener listener,
      RunStep<T> step)
      throws InterruptedException {
    Repo repo =
        graph
            .repo(plan.repo())
            .orElseThrow(
                () ->
                    new PlanMismatchException(
                        "repo " + plan.repo() + " is not in the graph " + graph.file()));
    Optional<GitRepo> git;
    try {
      git = GitRepo.open(repo.root());
    } catch (IOException e) {
      throw new LocalIoException(
          "cannot open the git repository at " + repo.root() + ": " + e.getMessage(),
          ReleaseException.Stage.PREFLIGHT,
          e);
    }
    if (git.isEmpty()) {
      throw new PlanMismatchException(repo.id() + " at " + repo.root() + " is not a git checkout");
    }
    try (GitRepo g = git.get()) {
      // --registry comes from the command line: the environment's credentials may go there.
      RegistryCredentials forRun = credentials.withCommandLineRegistry(options.registry());
      return step.apply(
          new ReleaseRun(
              plan, graph, repo, g.repository(), options, forRun, gitCredentials, listener));
    }
  }
}
