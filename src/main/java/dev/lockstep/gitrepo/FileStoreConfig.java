package dev.lockstep.gitrepo;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystems;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * JGit's own config ({@code $XDG_CONFIG_HOME/jgit/config}), held in memory and never saved. It
 * gives every mounted file store JGit's fallback timestamp resolution, the value JGit itself uses
 * where it cannot measure. Without it, the first JGit process on a machine (every CI runner) spends
 * about 3 s writing probe files into {@code .git} to measure the resolution, then saves the result
 * to the user's home: a read-only gate would write outside the workspace and wait for it.
 *
 * <p>The conservative resolution only makes JGit treat a file changed in the last 2 s as maybe
 * changed, so it reads it again; nothing lockstep reads or writes depends on a finer one.
 */
final class FileStoreConfig extends FileBasedConfig {
  private static final String SECTION = "filesystem";

  FileStoreConfig(Config parent, FS fs) {
    super(parent, new File("/nonexistent/lockstep/jgit-config"), fs);
    fill();
  }

  /** JGit's key for a file store's measurements (its {@code getConfigKey}). */
  static String key(FileStore store) {
    String id = store.name();
    if (SystemReader.getInstance().isWindows()) {
      try {
        if (store.getAttribute("volume:vsn") instanceof Integer vsn) {
          id = vsn.toString();
        }
      } catch (IOException | UnsupportedOperationException e) {
        // JGit falls back to the name too
      }
    }
    return System.getProperty("java.vendor") + "|" + System.getProperty("java.version") + "|" + id;
  }

  private void fill() {
    String resolution =
        FS.FileStoreAttributes.FALLBACK_TIMESTAMP_RESOLUTION.toNanos() + " nanoseconds";
    for (FileStore store : FileSystems.getDefault().getFileStores()) {
      setString(SECTION, key(store), "timestampResolution", resolution);
    }
  }

  @Override
  public void load() {
    clear();
    fill();
  }

  @Override
  public boolean isOutdated() {
    return false;
  }

  @Override
  public void save() {
    // measurements are never made, so there is nothing to keep
  }
}
