package dev.lockstep.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads what actually landed in a registry or an OCI archive, with skopeo, independently of our own
 * code.
 */
public final class Skopeo {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 60;

  private Skopeo() {}

  /** {@code skopeo inspect docker://IMAGE} over plain HTTP; IMAGE is "HOST/name:tag". */
  public static JsonNode inspect(String image) throws IOException, InterruptedException {
    return inspect(image, Optional.empty(), Optional.empty());
  }

  public static JsonNode inspect(String image, String user, String password)
      throws IOException, InterruptedException {
    return inspect(image, Optional.of(user), Optional.of(password));
  }

  /**
   * The raw manifest ({@code --raw}) of "HOST/name:tag"; works for non-image artifacts such as Helm
   * charts.
   */
  public static JsonNode rawManifest(String image) throws IOException, InterruptedException {
    return JSON.readTree(rawManifestBytes(image, Optional.empty(), Optional.empty()));
  }

  /**
   * "sha256:..." of the raw manifest bytes: the manifest digest, also for artifacts skopeo cannot
   * inspect.
   */
  public static String manifestDigest(String image) throws IOException, InterruptedException {
    return sha256(rawManifestBytes(image, Optional.empty(), Optional.empty()));
  }

  public static String manifestDigest(String image, String user, String password)
      throws IOException, InterruptedException {
    return sha256(rawManifestBytes(image, Optional.of(user), Optional.of(password)));
  }

  private static byte[] rawManifestBytes(
      String image, Optional<String> user, Optional<String> password)
      throws IOException, InterruptedException {
    return runBytes(command("inspect", "--raw", user, password, "docker://" + image));
  }

  private static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + java.util.HexFormat.of()
              .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The image config ({@code --config}) of "HOST/name:tag". */
  public static JsonNode config(String image) throws IOException, InterruptedException {
    return json(
        run(
            command(
                "inspect", "--config", Optional.empty(), Optional.empty(), "docker://" + image)));
  }

  /** Tags of "HOST/name". */
  public static List<String> listTags(String repository) throws IOException, InterruptedException {
    JsonNode result =
        json(
            run(
                command(
                    "list-tags",
                    null,
                    Optional.empty(),
                    Optional.empty(),
                    "docker://" + repository)));
    List<String> tags = new ArrayList<>();
    result.path("Tags").forEach(t -> tags.add(t.asText()));
    return tags;
  }

  /** {@code skopeo inspect oci-archive:PATH}. */
  public static JsonNode inspectArchive(Path archive) throws IOException, InterruptedException {
    return json(run(List.of("skopeo", "inspect", "oci-archive:" + archive.toAbsolutePath())));
  }

  /** {@code skopeo inspect --config oci-archive:PATH}. */
  public static JsonNode archiveConfig(Path archive) throws IOException, InterruptedException {
    return json(
        run(List.of("skopeo", "inspect", "--config", "oci-archive:" + archive.toAbsolutePath())));
  }

  private static JsonNode inspect(String image, Optional<String> user, Optional<String> password)
      throws IOException, InterruptedException {
    return json(run(command("inspect", null, user, password, "docker://" + image)));
  }

  private static List<String> command(
      String verb, String flag, Optional<String> user, Optional<String> password, String location) {
    List<String> cmd = new ArrayList<>(List.of("skopeo", verb, "--tls-verify=false"));
    if (flag != null) {
      cmd.add(flag);
    }
    user.ifPresent(u -> cmd.add("--creds=" + u + ":" + password.orElse("")));
    cmd.add(location);
    return cmd;
  }

  private static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    return new String(runBytes(command), StandardCharsets.UTF_8);
  }

  private static byte[] runBytes(List<String> command) throws IOException, InterruptedException {
    LocalRegistry.requireBinary("skopeo");
    Process process = new ProcessBuilder(command).start();
    CompletableFuture<byte[]> stderr =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    byte[] stdout = process.getInputStream().readAllBytes();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("skopeo timed out: " + String.join(" ", redact(command)));
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          "skopeo failed (exit "
              + process.exitValue()
              + "): "
              + String.join(" ", redact(command))
              + "\n"
              + new String(stderr.join(), StandardCharsets.UTF_8).trim());
    }
    return stdout;
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static List<String> redact(List<String> command) {
    return command.stream().map(arg -> arg.startsWith("--creds=") ? "--creds=****" : arg).toList();
  }
}
