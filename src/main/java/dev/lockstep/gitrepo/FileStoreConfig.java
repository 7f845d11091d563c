package dev.lockstep.gitrepo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
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
 * changed, so it reads it again; nothing lockstep reads or writes depends on a finer one. The
 * user's own JGit config file is not read: it holds JGit's measurements, and git's settings come
 * from the repo's and the user's git config as before.
 */
final class FileStoreConfig extends FileBasedConfig {
  private static final String SECTION = "filesystem";

  /** The mount table of a Linux machine. */
  private static final Path MOUNTS = Path.of("/proc/self/mounts");

  /** Read once: JGit may open its config on two threads at once and keep one. */
  private static final Set<String> KEYS = keys();

  FileStoreConfig(Config parent, FS fs) {
    super(parent, new File("/nonexistent/lockstep/jgit-config"), fs);
    fill();
  }

  /**
   * JGit's key for each file store's measurements (its {@code getConfigKey}): the JVM's vendor and
   * version, then the store's name, or on Windows its volume serial number. On Linux the names are
   * the mount table's sources, read as text: the JDK's list of file stores would stat every mount
   * point, and a dead network mount would hang the gate.
   */
  static Set<String> keys() {
    String prefix =
        System.getProperty("java.vendor") + "|" + System.getProperty("java.version") + "|";
    Set<String> out = new LinkedHashSet<>();
    if (!SystemReader.getInstance().isWindows() && Files.isReadable(MOUNTS)) {
      try {
        for (String source : mountSources(Files.readString(MOUNTS, StandardCharsets.UTF_8))) {
          out.add(prefix + source);
        }
        return out;
      } catch (IOException e) {
        // the JDK's list below
      }
    }
    for (FileStore store : FileSystems.getDefault().getFileStores()) {
      out.add(prefix + id(store));
    }
    return out;
  }

  /**
   * The source of each line of a mount table ({@code /proc/self/mounts}): its first field, with the
   * kernel's octal escapes ({@code \040} for a space) decoded, as the JDK names the store.
   */
  static Set<String> mountSources(String table) {
    Set<String> out = new LinkedHashSet<>();
    for (String line : table.split("\n")) {
      int end = line.indexOf(' ');
      if (end <= 0) {
        continue;
      }
      String field = line.substring(0, end);
      StringBuilder source = new StringBuilder(field.length());
      for (int i = 0; i < field.length(); i++) {
        char c = field.charAt(i);
        if (c == '\\' && isOctal(field, i + 1)) {
          source.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
          i += 3;
        } else {
          source.append(c);
        }
      }
      out.add(source.toString());
    }
    return out;
  }

  private static boolean isOctal(String s, int from) {
    for (int i = from; i < from + 3; i++) {
      if (i >= s.length() || s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }

  /** A store's part of its key: its name, or on Windows its volume serial number. */
  private static String id(FileStore store) {
    if (SystemReader.getInstance().isWindows()) {
      try {
        if (store.getAttribute("volume:vsn") instanceof Integer vsn) {
          return vsn.toString();
        }
      } catch (IOException | UnsupportedOperationException e) {
        // JGit falls back to the name too
      }
    }
    return store.name();
  }

  private void fill() {
    String resolution =
        FS.FileStoreAttributes.FALLBACK_TIMESTAMP_RESOLUTION.toNanos() + " nanoseconds";
    for (String key : KEYS) {
      setString(SECTION, key, "timestampResolution", resolution);
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
