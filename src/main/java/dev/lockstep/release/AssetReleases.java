package dev.lockstep.release;

import dev.lockstep.files.AtomicFiles;
import dev.lockstep.plan.Action;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Publishes the files a release makes ({@code kind: asset}): each is copied from the release
 * checkout, where its prepare command made it, to the output folder, and {@code SHA256SUMS} there
 * lists every asset of the release in the format {@code sha256sum -c} reads.
 */
final class AssetReleases {
  /** The checksum file beside the assets. */
  static final String SUMS = "SHA256SUMS";

  private final Path checkout;
  private final Path outputDir;
  private final ReleaseListener listener;

  AssetReleases(Path checkout, Path outputDir, ReleaseListener listener) {
    this.checkout = checkout;
    this.outputDir = outputDir;
    this.listener = listener;
  }

  List<Published> publish(List<Action.BuildAsset> assets) throws IOException {
    List<Published> out = new ArrayList<>();
    if (assets.isEmpty()) {
      return out;
    }
    Files.createDirectories(outputDir);
    TreeMap<String, String> sums = new TreeMap<>();
    for (Action.BuildAsset a : assets) {
      Path made = checkout.resolve(a.path()).normalize();
      Path target = outputDir.resolve(a.fileName());
      ReleaseStep step = new ReleaseStep(ReleaseStep.Kind.PUBLISH_ASSET, target.toString());
      listener.started(step);
      if (!made.startsWith(checkout) || !Files.isRegularFile(made, LinkOption.NOFOLLOW_LINKS)) {
        throw new BuildFailedException(
            "asset "
                + a.artifact()
                + ": "
                + a.path()
                + " is not a file in the release checkout after its prepare command; check path:"
                + " and prepare: in the graph",
            null);
      }
      String hex = sha256(made);
      boolean same = Files.isRegularFile(target) && sha256(target).equals(hex);
      if (!same) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.copy(made, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      sums.put(a.fileName(), hex);
      listener.finished(step, "sha256:" + hex + (same ? " (already there)" : ""));
      out.add(
          new Published(
              a.artifact(),
              "asset",
              a.fileName(),
              "sha256:" + hex,
              Optional.of(target),
              same ? 0 : Files.size(target),
              same));
    }
    StringBuilder text = new StringBuilder();
    sums.forEach((name, hex) -> text.append(hex).append("  ").append(name).append('\n'));
    AtomicFiles.write(outputDir.resolve(SUMS), text.toString().getBytes(StandardCharsets.UTF_8));
    return out;
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
