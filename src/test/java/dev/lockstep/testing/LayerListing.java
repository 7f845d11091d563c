package dev.lockstep.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lists the files inside an OCI image-layout tarball's layers (or a .tgz) with GNU tar, as "MODE
 * OWNER MTIME PATH" lines.
 */
public final class LayerListing {

  private LayerListing() {}

  /**
   * One list per layer, in manifest order; each line like "-rwxr-xr-x 0/0 1970-01-01 00:00:01
   * opt/app/run.sh".
   */
  public static List<List<String>> of(Path ociArchive, Path scratch)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(Files.createDirectories(scratch), "oci-");
    run(List.of("tar", "-xf", ociArchive.toString(), "-C", dir.toString()));
    ObjectMapper json = new ObjectMapper();
    String manifestDigest =
        json.readTree(dir.resolve("index.json").toFile())
            .path("manifests")
            .path(0)
            .path("digest")
            .asText();
    JsonNode manifest = json.readTree(blob(dir, manifestDigest).toFile());
    List<List<String>> layers = new ArrayList<>();
    for (JsonNode layer : manifest.path("layers")) {
      layers.add(listing(blob(dir, layer.path("digest").asText())));
    }
    return layers;
  }

  /** The entries of a .tgz, same line shape as {@link #of}. */
  public static List<String> ofTgz(Path tgz) throws IOException, InterruptedException {
    return listing(tgz);
  }

  private static List<String> listing(Path tgz) throws IOException, InterruptedException {
    List<String> lines = new ArrayList<>();
    for (String line :
        run(List.of("tar", "--numeric-owner", "--full-time", "-tvzf", tgz.toString()))
            .split("\n")) {
      // "-rw-r--r-- 0/0   14 1970-01-01 00:00:01 path": drop the size column
      String[] f = line.trim().split("\\s+", 6);
      if (f.length == 6) {
        lines.add(f[0] + " " + f[1] + " " + f[3] + " " + f[4] + " " + f[5]);
      }
    }
    return lines;
  }

  private static Path blob(Path layout, String digest) {
    return layout.resolve("blobs").resolve(digest.replace(':', '/'));
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    // stderr kept apart: GNU tar warns about jib's LIBARCHIVE.* pax keywords there.
    Path errors = Files.createTempFile("tar-", ".err");
    try {
      Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + Files.readString(errors));
      }
      return new String(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(errors);
    }
  }
}
