package dev.lockstep.verify;

import dev.lockstep.model.Repo;
import java.util.List;
import java.util.Optional;

/**
 * Git read ahead for one verify run: the lookups start with the graph's repos while the rest of the
 * graph still loads, so that the two share a CI runner's two cores instead of running one after the
 * other. The run uses them only if its graph has the very same repos.
 */
public final class GitAhead {
  private record Started(List<Repo> repos, VerifyContext.GitLookup lookup) {}

  private Started started;

  /** Nothing read ahead: the run starts its own lookups. */
  public static GitAhead none() {
    return new GitAhead();
  }

  /** Starts reading git for {@code repos}; later calls are ignored. */
  public synchronized void start(List<Repo> repos) {
    if (started == null) {
      started = new Started(List.copyOf(repos), VerifyContext.GitLookup.start(repos));
    }
  }

  /** The lookups started for exactly {@code repos}, if any; each is handed out once. */
  synchronized Optional<VerifyContext.GitLookup> take(List<Repo> repos) {
    Started s = started;
    started = null;
    return s != null && s.repos().equals(repos) ? Optional.of(s.lookup()) : Optional.empty();
  }
}
