import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The floor for {@code lockstep verify}: a JVM that starts, reads every file of a repo once
 * (walking the tree minus {@code .git}; the bench repos track every file they hold) and exits.
 * No parsing, no git, one thread. Extra arguments (the graph file) are read too.
 *
 * <pre>java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp DIR ReadFloor REPO [FILE...]</pre>
 *
 * Prints the byte and file counts so the benchmark can check it read what lockstep reads.
 */
public final class ReadFloor {
  private static long bytes;
  private static long files;

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      System.err.println("usage: ReadFloor REPO_DIR [FILE...]");
      System.exit(2);
    }
    for (String arg : args) {
      Path root = Path.of(arg);
      if (!Files.isDirectory(root)) {
        read(root);
        continue;
      }
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          return dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(root)
              ? FileVisitResult.SKIP_SUBTREE
              : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          if (attrs.isRegularFile()) {
            read(file);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    }
    System.out.println(bytes + " bytes in " + files + " files");
  }

  private static void read(Path file) throws IOException {
    bytes += Files.readAllBytes(file).length;
    files++;
  }
}
