package dev.lockstep.gitrepo;

import java.io.IOException;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.internal.JGitText;
import org.eclipse.jgit.internal.util.ShutdownHook;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * JGit's one-time set-up (its system-reader override in {@link GitRepo}, the user and JGit config
 * files, the file system's timestamp attributes, message texts, logging), started on a daemon
 * thread by a command that will open repos. The set-up (about 80 ms on a cold JVM) then overlaps
 * the graph's loading instead of delaying the first open. Nothing is read from any repo. This class
 * touches no JGit type itself, so calling it costs the caller nothing.
 */
public final class GitWarmUp {
  private GitWarmUp() {}

  public static void inBackground() {
    Thread t = new Thread(GitWarmUp::run, "git-warm-up");
    t.setDaemon(true);
    t.start();
  }

  private static void run() {
    try {
      GitRepo.init();
      SystemReader.getInstance().getUserConfig();
      JGitText.get();
      Constants.newMessageDigest();
      FS.DETECTED.supportsExecute();
      ShutdownHook.INSTANCE.isShutdownInProgress();
    } catch (IOException | ConfigInvalidException | RuntimeException e) {
      // the real open reports whatever is wrong; a warm-up says nothing
    }
  }
}
