package dev.lockstep.exec.chart;

import com.marcnuri.helm.Helm;
import dev.lockstep.files.AtomicFiles;
import dev.lockstep.oci.TarArchive;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Packages a chart with Helm (which applies .helmignore and validates Chart.yaml), then rewrites
 * the archive so that the same chart always gives the same bytes: Helm stamps every entry with the
 * current time.
 *
 * <p>Only this class and {@link ChartRenderer} touch helm-java, whose first call loads a ~98 MB
 * native library; they are loaded only when a chart is actually packaged or rendered. Pushing
 * ({@link ChartPublisher}) needs no Helm.
 */
public final class ChartPackager {

  private ChartPackager() {}

  public static PackagedChart packageChart(Path chartDir, Path outDir) throws IOException {
    if (!Files.isRegularFile(chartDir.resolve("Chart.yaml"))) {
      throw new IllegalArgumentException("not a chart directory (no Chart.yaml): " + chartDir);
    }
    Files.createDirectories(outDir);
    Path scratch = Files.createTempDirectory(outDir, ".helm-package-");
    try {
      byte[] normalized = normalize(helmPackage(chartDir, scratch));
      List<TarArchive.Entry> entries = TarArchive.read(new ByteArrayInputStream(normalized));
      ChartMetadata meta = ChartMetadata.of(entries, chartDir.toString());
      Path tgz = outDir.resolve(meta.name() + "-" + meta.version() + ".tgz");
      Path partial = scratch.resolve("normalized.tgz");
      Files.write(partial, normalized);
      AtomicFiles.moveIntoPlace(partial, tgz);
      return new PackagedChart(tgz, meta.name(), meta.version(), sha256Hex(normalized));
    } finally {
      deleteTree(scratch);
    }
  }

  /**
   * Rewrites a chart archive (Helm's or anyone's) into the canonical form; pure function of its
   * entries.
   */
  static byte[] normalize(Path tgz) throws IOException {
    try (InputStream in = Files.newInputStream(tgz)) {
      return TarGz.write(TarArchive.read(in));
    }
  }

  private static Path helmPackage(Path chartDir, Path destination) throws IOException {
    try {
      new Helm(chartDir.toAbsolutePath())
          .packageIt()
          .withDestination(destination.toAbsolutePath())
          .call();
    } catch (IllegalStateException e) {
      throw new IOException(
          "helm package failed for " + chartDir + ": " + firstLine(e.getMessage()), e);
    }
    try (Stream<Path> files = Files.list(destination)) {
      List<Path> archives = files.filter(p -> p.getFileName().toString().endsWith(".tgz")).toList();
      if (archives.size() != 1) {
        throw new IOException(
            "helm package wrote " + archives.size() + " archives for " + chartDir);
      }
      return archives.get(0);
    }
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).trim();
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
