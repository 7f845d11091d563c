package dev.lockstep.gitrepo;

import java.io.IOException;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.internal.util.CleanupService;
import org.eclipse.jgit.internal.util.ShutdownHook;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * JGit's one-time set-up (its system-reader override in {@link GitRepo}, the user and JGit config
 * files, the file system's timestamp attributes, logging), started on a daemon thread by a command
 * that will read repos. The set-up then overlaps the graph's loading instead of delaying the first
 * open. Nothing is read from any repo. This class touches no JGit type itself, so calling it costs
 * the caller nothing.
 *
 * <p>Only for a process that reads git and writes nothing through JGit ({@code verify}): JGit's
 * cleanup at exit, which removes the lock files of writes cut short, is registered the way an OSGi
 * container does it, to run never. There is nothing of a read to clean up, and the JVM's shutdown
 * hook would load JGit's thousand message texts first (about 13 ms of a cold start).
 */
public final class GitWarmUp {
  private GitWarmUp() {}

  /** Starts the set-up; only for a process that reads git and writes nothing through JGit. */
  public static void inBackground() {
    Thread t = new Thread(GitWarmUp::run, "git-warm-up");
    t.setDaemon(true);
    t.start();
  }

  private static void run() {
    try {
      new CleanupService(); // before the first use of JGit's ShutdownHook: see above
      GitRepo.init();
      SystemReader.getInstance().getUserConfig();
      Constants.newMessageDigest();
      FS.DETECTED.supportsExecute();
      ShutdownHook.INSTANCE.isShutdownInProgress();
    } catch (IOException | ConfigInvalidException | RuntimeException e) {
      // the real open reports whatever is wrong; a warm-up says nothing
    }
  }
}
