package dev.lockstep.exec.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import dev.lockstep.exec.ProgressListener;
import dev.lockstep.files.AtomicFiles;
import dev.lockstep.oci.RegistryCredentials;
import dev.lockstep.oci.RegistryException;
import dev.lockstep.oci.RegistryPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Builds OCI images with jib-core, reproducibly: the same recipe and files give the same digest on
 * any machine (fixed creation time, fixed tool name, sorted layer entries with fixed mtimes and
 * permissions).
 */
public final class ImageBuilder {

  /** Goes into the image history, hence into the digest: never change it casually. */
  static final String TOOL_NAME = "lockstep";

  private final RegistryCredentials credentials;

  /** Credentials from {@link RegistryCredentials#fromEnvironment()}. */
  public ImageBuilder() {
    this(RegistryCredentials.fromEnvironment());
  }

  public ImageBuilder(RegistryCredentials credentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
  }

  /**
   * @param sourceRoot where the recipe's layer sources are resolved; nothing outside it is read
   * @param cacheDir jib's base and application layer caches go under it (reused across builds)
   * @throws IllegalArgumentException a layer source is missing or a reference is malformed
   * @throws RegistryException a registry refused the credentials or could not be reached
   */
  public BuiltImage build(
      ImageRecipe recipe,
      Path sourceRoot,
      ImageTarget target,
      Path cacheDir,
      ProgressListener progress)
      throws IOException, InterruptedException {
    List<FileEntriesLayer> layers = new ArrayList<>();
    for (ImageRecipe.Layer layer : recipe.layers()) {
      layers.add(LayerEntries.toJibLayer(layer, sourceRoot));
    }
    ImageReference targetRef = parse(target.reference());
    Optional<ImageReference> baseRef = recipe.base().map(ImageBuilder::parse);
    JibEvents events = new JibEvents(target.reference(), progress);

    JibContainerBuilder container =
        baseImage(baseRef, events)
            .setFileEntriesLayers(layers)
            .setFormat(ImageFormat.OCI)
            .setCreationTime(Instant.EPOCH)
            .setEnvironment(recipe.env())
            .setLabels(recipe.labels());
    if (!recipe.entrypoint().isEmpty()) {
      container.setEntrypoint(recipe.entrypoint());
    }
    recipe.workdir().ifPresent(dir -> container.setWorkingDirectory(AbsoluteUnixPath.get(dir)));
    recipe.user().ifPresent(container::setUser);

    boolean httpCredentials =
        target.allowInsecure() && httpCredentialsAllowed(targetRef, baseRef, target);
    if (httpCredentials) {
      HttpCredentialsSwitch.enable();
    }
    try {
      // The registry named in errors: the one this build talks to (a tarball build only talks to
      // its base).
      String host =
          target instanceof ImageTarget.Tarball && baseRef.isPresent()
              ? baseRef.get().getRegistry()
              : targetRef.getRegistry();
      return containerize(container, targetRef, target, cacheDir, events, host);
    } finally {
      if (httpCredentials) {
        HttpCredentialsSwitch.disable();
      }
    }
  }

  private BuiltImage containerize(
      JibContainerBuilder container,
      ImageReference targetRef,
      ImageTarget target,
      Path cacheDir,
      JibEvents events,
      String host)
      throws IOException, InterruptedException {
    Path tarTemp = null;
    Containerizer containerizer;
    if (target instanceof ImageTarget.Tarball tarball) {
      Path file = tarball.file().toAbsolutePath();
      Files.createDirectories(file.getParent());
      // Written beside the destination and moved at the end, so a failed build leaves no half
      // tarball.
      tarTemp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".partial");
      containerizer = Containerizer.to(TarImage.at(tarTemp).named(targetRef));
    } else {
      containerizer =
          Containerizer.to(withCredentials(RegistryImage.named(targetRef), targetRef, events));
    }
    containerizer
        .setToolName(TOOL_NAME)
        .setAllowInsecureRegistries(target.allowInsecure())
        .setBaseImageLayersCache(cacheDir.resolve("base"))
        .setApplicationLayersCache(cacheDir.resolve("application"))
        .addEventHandler(LogEvent.class, events::onLog)
        .addEventHandler(ProgressEvent.class, events::onProgress);
    try {
      JibContainer result = container.containerize(containerizer);
      if (tarTemp != null) {
        AtomicFiles.moveIntoPlace(tarTemp, ((ImageTarget.Tarball) target).file().toAbsolutePath());
        tarTemp = null;
      }
      events.finished();
      long pushed = target instanceof ImageTarget.Registry ? events.bytesPushed() : 0;
      return new BuiltImage(
          target.reference(),
          result.getDigest().toString(),
          result.getImageId().toString(),
          pushed);
    } catch (CacheDirectoryCreationException e) {
      throw new IOException("cannot create the image layer cache under " + cacheDir, e);
    } catch (com.google.cloud.tools.jib.api.RegistryException e) {
      throw translate(e, host);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof com.google.cloud.tools.jib.api.RegistryException registryError) {
        throw translate(registryError, host);
      }
      throw translateIo(cause, host);
    } catch (IOException e) {
      throw translateIo(e, host);
    } finally {
      if (tarTemp != null) {
        Files.deleteIfExists(tarTemp);
      }
    }
  }

  private JibContainerBuilder baseImage(Optional<ImageReference> baseRef, JibEvents events) {
    if (baseRef.isEmpty()) {
      return Jib.fromScratch();
    }
    return Jib.from(withCredentials(RegistryImage.named(baseRef.get()), baseRef.get(), events));
  }

  private RegistryImage withCredentials(RegistryImage image, ImageReference ref, JibEvents events) {
    credentials
        .find(ref.getRegistry())
        .ifPresent(c -> image.addCredential(c.username(), c.password()));
    return image;
  }

  /**
   * jib refuses to send credentials over plain HTTP unless told to. We allow it only when every
   * registry of this build is on loopback (nothing leaves the machine) or the user opted in through
   * the environment.
   */
  private static boolean httpCredentialsAllowed(
      ImageReference targetRef, Optional<ImageReference> baseRef, ImageTarget target) {
    RegistryPolicy policy = RegistryPolicy.of(java.util.Set.of());
    boolean targetOk =
        !(target instanceof ImageTarget.Registry)
            || policy.credentialsAllowedOverHttp(targetRef.getRegistry());
    boolean baseOk =
        baseRef.map(ref -> policy.credentialsAllowedOverHttp(ref.getRegistry())).orElse(true);
    return targetOk && baseOk;
  }

  private static RegistryException translate(
      com.google.cloud.tools.jib.api.RegistryException e, String host) {
    if (e instanceof RegistryUnauthorizedException
        || e instanceof RegistryAuthenticationFailedException) {
      RegistryException translated = RegistryException.authenticationFailed(host);
      translated.initCause(e);
      return translated;
    }
    if (hasCause(e, ConnectException.class)) {
      return RegistryException.unreachable(host, e);
    }
    return new RegistryException("registry " + host + ": " + firstLine(e.getMessage()), 0, e);
  }

  private static IOException translateIo(Throwable e, String host) {
    if (hasCause(e, ConnectException.class)) {
      return RegistryException.unreachable(host, e);
    }
    if (e instanceof IOException io) {
      return io;
    }
    if (e instanceof RuntimeException runtime) {
      throw runtime;
    }
    return new IOException("image build failed: " + firstLine(e.getMessage()), e);
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).trim();
  }

  private static ImageReference parse(String reference) {
    try {
      return ImageReference.parse(reference);
    } catch (InvalidImageReferenceException e) {
      throw new IllegalArgumentException("not a valid image reference: " + reference, e);
    }
  }

  /**
   * jib reads the JVM-wide system property {@code sendCredentialsOverHttp}. Builds may overlap, so
   * the property is on while at least one build that is allowed to needs it, and restored
   * afterwards.
   */
  static final class HttpCredentialsSwitch {
    private static final String PROPERTY = "sendCredentialsOverHttp";
    private static int users;
    private static String previous;

    private HttpCredentialsSwitch() {}

    static synchronized void enable() {
      if (users++ == 0) {
        previous = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, "true");
      }
    }

    static synchronized void disable() {
      if (--users == 0) {
        if (previous == null) {
          System.clearProperty(PROPERTY);
        } else {
          System.setProperty(PROPERTY, previous);
        }
      }
    }
  }
}
