package dev.lockstep.online;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.lockstep.gitrepo.GitCredentials;
import dev.lockstep.gitrepo.GitRepo;
import dev.lockstep.model.Redact;
import dev.lockstep.model.Version;
import dev.lockstep.oci.RegistryClient;
import dev.lockstep.oci.RegistryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

/**
 * Answers {@link Lookup}s on a small bounded thread pool. Equal lookups in one {@link #run} are
 * asked once; what several lookups share (a registry client, a remote's tag list, a Helm index) is
 * fetched once per instance. Every failure to ask becomes {@link Outcome.State#UNREACHABLE}, never
 * "exists".
 */
public final class Lookups implements AutoCloseable {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  // ls-remote of https remotes: the token from the environment, to the host it is for only.
  private final GitCredentials gitCredentials = GitCredentials.fromEnvironment();

  private final OnlineOptions options;
  private final ExecutorService pool;
  private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> primed = new ConcurrentHashMap<>();
  private final Map<Path, CompletableFuture<LocalRepo>> local = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Map<String, RemoteTag>>> remote =
      new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Map<String, Map<String, Boolean>>>> indexes =
      new ConcurrentHashMap<>();
  private final AtomicInteger asked = new AtomicInteger();
  private HttpClient http;

  public Lookups(OnlineOptions options) {
    this.options = options;
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads =
        r -> {
          Thread t = new Thread(r, "lockstep-online-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    this.pool = Executors.newFixedThreadPool(options.threads(), threads);
  }

  public OnlineOptions options() {
    return options;
  }

  /** How many distinct lookups were asked so far. */
  public int asked() {
    return asked.get();
  }

  /** Asks every distinct lookup once, in parallel; the answers in the order first given. */
  public Map<Lookup, Outcome> run(Collection<? extends Lookup> lookups) {
    Map<Lookup, Future<Outcome>> futures = new LinkedHashMap<>();
    for (Lookup l : new LinkedHashSet<>(lookups)) {
      futures.put(l, pool.submit(() -> answer(l)));
    }
    asked.addAndGet(futures.size());
    Map<Lookup, Outcome> out = new LinkedHashMap<>();
    futures.forEach(
        (l, f) -> out.put(l, await(f, e -> Outcome.unreachable(l.display() + ": " + message(e)))));
    return out;
  }

  /** Runs other work (the audit's label and chart checks) on the same bounded pool. */
  public <T> Future<T> submit(Callable<T> task) {
    return pool.submit(task);
  }

  /** A call on a registry client. */
  @FunctionalInterface
  public interface RegistryCall<T> {
    T apply(RegistryClient client) throws IOException, InterruptedException;
  }

  /**
   * Runs {@code call} with the client for a registry host (its API host: Docker Hub's is
   * registry-1.docker.io). The first call to a host runs alone and the others wait for it: a client
   * learns on its first request whether the registry wants Basic auth, and requests sent before it
   * knows would each be refused.
   */
  public <T> T onRegistry(String apiHost, RegistryCall<T> call)
      throws IOException, InterruptedException {
    RegistryClient client =
        clients.computeIfAbsent(
            apiHost,
            h ->
                RegistryClient.forHost(
                    h, options.plainHttp(h), options.credentialsFor(h), options.timeout()));
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> first = primed.putIfAbsent(apiHost, mine);
    if (first == null) {
      try {
        return call.apply(client);
      } finally {
        mine.complete(null);
      }
    }
    first.join();
    return call.apply(client);
  }

  /** Asks one lookup on the calling thread. */
  public Outcome answer(Lookup lookup) {
    try {
      if (lookup instanceof Lookup.RegistryTag t) {
        return registryTag(t);
      }
      if (lookup instanceof Lookup.GitTag t) {
        return gitTag(t);
      }
      if (lookup instanceof Lookup.HelmIndex h) {
        return helmIndex(h);
      }
      Lookup.Unresolvable u = (Lookup.Unresolvable) lookup;
      return Outcome.unreachable(u.reason());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Outcome.unreachable(lookup.display() + ": interrupted");
    }
  }

  private Outcome registryTag(Lookup.RegistryTag t) throws InterruptedException {
    String repository = t.name().repository();
    try {
      Optional<String> digest =
          onRegistry(t.name().apiHost(), c -> c.manifestDigest(repository, t.tag()));
      if (digest.isEmpty()) {
        return Outcome.missing(t.display() + " does not exist");
      }
      if (t.digest().isPresent() && !t.digest().get().equals(digest.get())) {
        if (onRegistry(t.name().apiHost(), c -> c.manifestDigest(repository, t.digest().get()))
            .isEmpty()) {
          return Outcome.missing(
              t.display()
                  + " does not exist: the tag is at "
                  + digest.get()
                  + " and no manifest "
                  + t.digest().get()
                  + " is there");
        }
        return Outcome.moved(
            "the pinned manifest exists; the tag has moved to " + digest.get(), digest.get());
      }
      return Outcome.exists(digest.get());
    } catch (RegistryException e) {
      return Outcome.unreachable(e.withCause() + " (" + manifestUrl(t) + ")");
    } catch (IOException e) {
      return Outcome.unreachable(
          "registry " + t.name().registry() + ": " + cause(e) + " (" + manifestUrl(t) + ")");
    }
  }

  /** {@code HEAD URL} of the manifest a registry lookup asks for, as failures name it. */
  private String manifestUrl(Lookup.RegistryTag t) {
    String host = t.name().apiHost();
    return "HEAD "
        + (options.plainHttp(host) ? "http://" : "https://")
        + host
        + "/v2/"
        + t.name().repository()
        + "/manifests/"
        + t.tag();
  }

  private Outcome gitTag(Lookup.GitTag t) throws InterruptedException {
    Optional<LocalRepo> checkout = Optional.empty();
    if (t.checkout().isPresent()) {
      try {
        checkout = Optional.of(localRepo(t.checkout().get()));
      } catch (IOException e) {
        return Outcome.unreachable(
            "cannot read the git repo "
                + t.repo()
                + " at "
                + t.checkout().get()
                + ": "
                + message(e));
      }
      if (checkout.get().tags().contains(t.tag())) {
        return Outcome.exists("in the checkout at " + t.checkout().get());
      }
    }
    Optional<String> url = t.url();
    if (url.isEmpty()) {
      url = checkout.flatMap(LocalRepo::origin);
    }
    if (url.isEmpty()) {
      return Outcome.missing(
          "tag "
              + t.tag()
              + " does not exist in the checkout of "
              + t.repo()
              + " at "
              + t.checkout().map(Path::toString).orElse("?")
              + " (the repo has no url to ask)");
    }
    Map<String, RemoteTag> tags;
    try {
      tags = remoteTags(url.get());
    } catch (IOException e) {
      return Outcome.unreachable(
          "git ls-remote --tags " + redact(url.get()) + ": " + redact(cause(e)));
    }
    if (tags.containsKey(t.tag())) {
      return Outcome.exists("on " + redact(url.get()));
    }
    return Outcome.missing(
        "tag "
            + t.tag()
            + " of "
            + t.repo()
            + " does not exist "
            + (checkout.isPresent() ? "in its checkout nor " : "")
            + "on "
            + redact(url.get()));
  }

  private Outcome helmIndex(Lookup.HelmIndex h) throws InterruptedException {
    Map<String, Map<String, Boolean>> index;
    try {
      index = helmIndex(h.url());
    } catch (IOException e) {
      return Outcome.unreachable("Helm repository " + redact(h.url()) + ": " + message(e));
    }
    Set<String> versions = index.getOrDefault(h.chart(), Map.of()).keySet();
    String bare = Version.withoutV(h.version());
    if (versions.contains(h.version())
        || versions.contains(bare)
        || versions.contains("v" + bare)) {
      return Outcome.exists("in " + redact(h.url()) + "/index.yaml");
    }
    return Outcome.missing(
        h.display()
            + " does not exist"
            + (versions.isEmpty() ? " (the index has no chart " + h.chart() + ")" : ""));
  }

  /** What a checkout holds: its tag names and its {@code origin} url. */
  record LocalRepo(Set<String> tags, Optional<String> origin) {}

  LocalRepo localRepo(Path root) throws IOException, InterruptedException {
    return once(
        local,
        root,
        () -> {
          Optional<GitRepo> g = GitRepo.open(root);
          if (g.isEmpty()) {
            throw new IOException("not a git checkout");
          }
          try (GitRepo git = g.get()) {
            Set<String> tags = new HashSet<>();
            for (Ref ref : git.repository().getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
              tags.add(ref.getName().substring(Constants.R_TAGS.length()));
            }
            String origin = git.repository().getConfig().getString("remote", "origin", "url");
            return new LocalRepo(
                Set.copyOf(tags), Optional.ofNullable(origin).filter(s -> !s.isBlank()));
          }
        });
  }

  /**
   * A tag as a remote advertises it: the object it names and, for an annotated tag, what it peels
   * to.
   */
  public record RemoteTag(ObjectId object, Optional<ObjectId> peeled) {}

  /** {@code git ls-remote --tags URL}, once per url. */
  public Map<String, RemoteTag> remoteTags(String url) throws IOException, InterruptedException {
    return once(
        remote,
        url,
        () -> {
          try {
            Collection<Ref> refs =
                gitCredentials
                    .apply(
                        Git.lsRemoteRepository()
                            .setRemote(url)
                            .setTags(true)
                            .setHeads(false)
                            .setTimeout((int) Math.max(1, options.timeout().toSeconds())),
                        url)
                    .call();
            Map<String, RemoteTag> out = new HashMap<>();
            for (Ref r : refs) {
              if (r.getName().startsWith(Constants.R_TAGS) && !r.getName().endsWith("^{}")) {
                out.put(
                    r.getName().substring(Constants.R_TAGS.length()),
                    new RemoteTag(r.getObjectId(), Optional.ofNullable(r.getPeeledObjectId())));
              }
            }
            return Map.copyOf(out);
          } catch (GitAPIException | RuntimeException e) {
            throw new IOException(message(e), e);
          }
        });
  }

  /**
   * The versions a Helm repository's {@code index.yaml} lists for {@code chart} (fetched once per
   * repository), without the entries marked {@code deprecated: true}.
   */
  Set<String> helmVersions(String url, String chart) throws IOException, InterruptedException {
    Set<String> out = new HashSet<>();
    helmIndex(url)
        .getOrDefault(chart, Map.of())
        .forEach(
            (version, deprecated) -> {
              if (!deprecated) {
                out.add(version);
              }
            });
    return out;
  }

  /** Per chart, each version the index lists and whether it is deprecated. */
  private Map<String, Map<String, Boolean>> helmIndex(String url)
      throws IOException, InterruptedException {
    return once(
        indexes,
        url,
        () -> {
          URI uri = URI.create(url.replaceFirst("/+$", "") + "/index.yaml");
          HttpResponse<byte[]> response;
          try {
            response =
                http()
                    .send(
                        HttpRequest.newBuilder(uri).timeout(options.timeout()).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
          } catch (IOException e) {
            throw new IOException("GET " + redact(uri.toString()) + ": " + cause(e), e);
          }
          if (response.statusCode() / 100 != 2) {
            throw new IOException(
                "GET " + redact(uri.toString()) + ": HTTP " + response.statusCode());
          }
          JsonNode entries;
          try {
            entries = YAML.readTree(response.body()).path("entries");
          } catch (IOException e) {
            throw new IOException(
                "GET " + redact(uri.toString()) + ": not a Helm index (" + message(e) + ")", e);
          }
          Map<String, Map<String, Boolean>> out = new HashMap<>();
          entries
              .properties()
              .forEach(
                  e -> {
                    Map<String, Boolean> versions = new HashMap<>();
                    e.getValue()
                        .forEach(
                            v ->
                                versions.merge(
                                    v.path("version").asText(""),
                                    v.path("deprecated").asBoolean(false),
                                    Boolean::logicalAnd));
                    out.put(e.getKey(), versions);
                  });
          return out;
        });
  }

  /** The cause of a failed request in words: timeout, refused, TLS, or the message. */
  String cause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.http.HttpTimeoutException
          || t instanceof java.net.SocketTimeoutException) {
        return "timeout after " + options.timeout().toSeconds() + " s";
      }
      if (t instanceof java.net.ConnectException) {
        return "connection refused";
      }
      if (t instanceof javax.net.ssl.SSLException) {
        return "TLS failed: " + message(t);
      }
      if (t instanceof java.net.UnknownHostException) {
        return "unknown host " + t.getMessage();
      }
    }
    return message(e);
  }

  private synchronized HttpClient http() {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .connectTimeout(options.timeout())
              .followRedirects(HttpClient.Redirect.NORMAL)
              .proxy(dev.lockstep.oci.EnvProxy.fromEnvironment())
              .build();
    }
    return http;
  }

  /**
   * A value computed by the first caller and shared with every later one (no pool thread waits on a
   * queued task).
   */
  private static <K, V> V once(Map<K, CompletableFuture<V>> cache, K key, Callable<V> compute)
      throws IOException, InterruptedException {
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> theirs = cache.putIfAbsent(key, mine);
    if (theirs == null) {
      try {
        mine.complete(compute.call());
      } catch (Exception e) {
        mine.completeExceptionally(e);
      }
      theirs = mine;
    }
    try {
      return theirs.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof InterruptedException ie) {
        throw ie;
      }
      throw new IOException(message(cause), cause);
    }
  }

  static <T> T await(Future<T> f, java.util.function.Function<Throwable, T> onError) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return onError.apply(e);
    } catch (ExecutionException e) {
      return onError.apply(e.getCause() == null ? e : e.getCause());
    }
  }

  /** One line, the innermost useful message, no class names. */
  static String message(Throwable e) {
    if (e instanceof java.net.http.HttpTimeoutException) {
      return "timeout";
    }
    if (e instanceof java.net.ConnectException) {
      return "connection refused";
    }
    List<String> seen = new ArrayList<>();
    for (Throwable t = e; t != null && seen.size() < 4; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && !m.isBlank()) {
        String line = m.lines().findFirst().orElse("").trim();
        if (!seen.isEmpty() && seen.get(seen.size() - 1).contains(line)) {
          continue;
        }
        seen.add(line);
      }
    }
    if (seen.isEmpty()) {
      return e.getClass()
          .getSimpleName()
          .replaceAll("Exception$", "")
          .replaceAll("([a-z])([A-Z])", "$1 $2")
          .toLowerCase(java.util.Locale.ROOT);
    }
    return seen.get(0);
  }

  /** A url with any user:password@ removed: credentials are never printed. */
  static String redact(String text) {
    return Redact.userInfo(text);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
