package dev.lockstep.exec.image;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns a recipe layer into a jib layer whose bytes depend only on file names and contents: entries
 * sorted, one fixed mtime, permissions reduced to 0644/0755 (the executable bit is kept, as git
 * keeps it), owner 0:0.
 */
final class LayerEntries {

  static final FilePermissions FILE = FilePermissions.fromOctalString("644");
  static final FilePermissions EXECUTABLE = FilePermissions.fromOctalString("755");
  static final FilePermissions DIRECTORY = FilePermissions.fromOctalString("755");

  /** jib's own default (epoch + 1 s): some tools treat an mtime of 0 as "unset". */
  static final Instant MODIFICATION_TIME = FileEntriesLayer.DEFAULT_MODIFICATION_TIME;

  private LayerEntries() {}

  static FileEntriesLayer toJibLayer(ImageRecipe.Layer layer, Path sourceRoot) throws IOException {
    Path root = sourceRoot.toAbsolutePath().normalize();
    Path source = root.resolve(layer.from()).normalize();
    if (!source.startsWith(root)) {
      throw new IllegalArgumentException(
          "layer source " + layer.from() + " lies outside the source root " + root);
    }
    if (!Files.exists(source)) {
      throw new IllegalArgumentException("layer source does not exist: " + source);
    }
    // Symlinks inside the sources are followed, but never out of them: a committed link to a host
    // file must not put the host's file into the image.
    Path realRoot = root.toRealPath();
    if (!source.toRealPath().startsWith(realRoot)) {
      throw new IllegalArgumentException(
          "layer source "
              + layer.from()
              + " is a symlink that leads out of the repo (to "
              + source.toRealPath()
              + "); commit the file itself, not a link to it");
    }
    AbsoluteUnixPath destination = AbsoluteUnixPath.get(layer.to());
    FileEntriesLayer.Builder builder = FileEntriesLayer.builder().setName(layer.from());
    if (Files.isDirectory(source)) {
      for (Path path : sortedTree(source)) {
        if (!path.toRealPath().startsWith(realRoot)) {
          throw new IllegalArgumentException(
              "layer source "
                  + root.relativize(path)
                  + " is a symlink that leads out of the repo; commit the file itself, not a link"
                  + " to it");
        }
        String relative = unixRelative(source, path);
        if (relative.isEmpty() && layer.to().equals("/")) {
          continue; // the image root is not an entry of its own
        }
        AbsoluteUnixPath target = relative.isEmpty() ? destination : destination.resolve(relative);
        builder.addEntry(path, target, permissionsOf(path), MODIFICATION_TIME);
      }
    } else {
      AbsoluteUnixPath target =
          layer.to().endsWith("/")
              ? destination.resolve(source.getFileName().toString())
              : destination;
      builder.addEntry(source, target, permissionsOf(source), MODIFICATION_TIME);
    }
    return builder.build();
  }

  private static List<Path> sortedTree(Path directory) throws IOException {
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(directory, FileVisitOption.FOLLOW_LINKS)) {
      walk.forEach(paths::add);
    }
    paths.sort(Comparator.comparing(path -> unixRelative(directory, path)));
    return paths;
  }

  private static String unixRelative(Path base, Path path) {
    return base.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
  }

  private static FilePermissions permissionsOf(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return DIRECTORY;
    }
    PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    boolean executable =
        posix != null
            ? posix.readAttributes().permissions().contains(PosixFilePermission.OWNER_EXECUTE)
            : Files.isExecutable(path);
    return executable ? EXECUTABLE : FILE;
  }
}
