package dev.lockstep.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lockstep.config.ArtifactSpec.AssetSpec;
import dev.lockstep.config.ArtifactSpec.BuildSpec;
import dev.lockstep.config.ArtifactSpec.ChartSpec;
import dev.lockstep.config.ArtifactSpec.ExternalSpec;
import dev.lockstep.config.ArtifactSpec.FileSpec;
import dev.lockstep.config.ArtifactSpec.HookSpec;
import dev.lockstep.config.ArtifactSpec.ImageSpec;
import dev.lockstep.model.Artifact;
import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.AssetArtifact;
import dev.lockstep.model.ChartArtifact;
import dev.lockstep.model.FileArtifact;
import dev.lockstep.model.HookArtifact;
import dev.lockstep.model.ImageArtifact;
import dev.lockstep.model.ImageBuild;
import dev.lockstep.model.Locator;
import dev.lockstep.model.Policy;
import dev.lockstep.model.Problem;
import dev.lockstep.model.Reference;
import dev.lockstep.model.Repo;
import dev.lockstep.model.Source;
import dev.lockstep.model.Stamp;
import dev.lockstep.model.Version;
import dev.lockstep.model.VersionFormat;
import dev.lockstep.model.VersionScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns checked specs into model records; field-level problems are recorded, not thrown. */
final class ModelBuilder {
  private final Path graphDir;
  private final SourceMap positions;
  private final List<Problem> problems;
  private final LocatorBuilder locators;
  private final Confinement confinement;
  private final Schemes schemes;
  private final Formats formats = new Formats();
  private final Map<ArtifactId, VersionScheme> repoSchemes = new java.util.HashMap<>();
  private final RepoRoots roots;
  private int referenceIndex;

  /** The first {@code pin: true} place per repo and target. */
  private final Map<String, Locator> pins = new java.util.HashMap<>();

  ModelBuilder(Path graphFile, SourceMap positions, List<Problem> problems) {
    this.graphDir = graphFile.toAbsolutePath().normalize().getParent();
    this.positions = positions;
    this.problems = problems;
    this.locators = new LocatorBuilder(positions, problems, formats);
    this.confinement = Confinement.of(graphFile);
    this.schemes = new Schemes(positions, problems);
    this.roots = new RepoRoots(graphDir);
  }

  Repo repo(String id, RepoSpec spec) {
    String path = SourceMap.child("repos", id);
    Source at = positions.at(path);
    RepoRoots.Root found =
        spec.path() == null
            ? roots.withoutPath(
                id, spec.url(), at, reportedUnder(path) ? new ArrayList<>() : problems)
            : new RepoRoots.Root(graphDir.resolve(spec.path()).normalize(), true);
    Path root = found.path();
    String dir = spec.path() == null ? root.toString() : spec.path();
    if (found.local() && Files.exists(root) && !Files.isDirectory(root)) {
      problems.add(
          Problem.at(
              positions.at(path + (spec.path() == null ? "" : ".path")),
              "'" + dir + "' is a file, not a repo's folder",
              "point path: at the folder where the repo is checked out"));
    }
    (found.local() ? confinement.refuse(root) : Optional.<String>empty())
        .ifPresent(
            why ->
                problems.add(
                    Problem.at(
                        positions.at(path + (spec.path() == null ? "" : ".path")),
                        "'" + dir + "' is outside what this graph may read: " + why,
                        "point path: at the repo holding the graph or a checkout beside it")));
    VersionScheme scheme =
        schemes.read(spec.scheme(), path + ".scheme").orElse(VersionScheme.SEMVER);
    repoSchemes.put(ArtifactId.of(id), scheme);
    VersionFormat tag =
        formats.orDefault(
            spec.tag(),
            VersionFormat.of("v{version}", scheme),
            scheme,
            positions.at(path + ".tag"),
            problems);
    List<String> exclude =
        spec.scan() == null || spec.scan().exclude() == null ? List.of() : spec.scan().exclude();
    return new Repo(
        ArtifactId.of(id),
        root,
        Optional.ofNullable(spec.url()),
        tag,
        spec.branch() == null ? "main" : spec.branch(),
        exclude,
        at,
        found.local());
  }

  Optional<Artifact> artifact(String id, ArtifactSpec spec) {
    String path = SourceMap.child("artifacts", String.valueOf(id));
    ArtifactId aid = ArtifactId.of(id);
    Source at = positions.at(path);
    Optional<ArtifactId> repo = Optional.ofNullable(spec.repo()).map(ArtifactId::of);
    Optional<String> disabled = Optional.empty();
    if (spec.enabled() != null && !spec.enabled()) {
      disabled = Optional.of(spec.reason() == null ? "enabled: false" : spec.reason());
    }
    Optional<String> ownChartYaml =
        Optional.of(spec)
            .flatMap(ModelBuilder::chartPath)
            .map(p -> chartDir(p).isEmpty() ? "Chart.yaml" : chartDir(p) + "/Chart.yaml");
    List<Reference> uses = references(aid, repo, spec.uses(), path + ".uses", ownChartYaml);
    Optional<VersionScheme> own = schemes.read(spec.scheme(), path + ".scheme");
    this.schemeBad = spec.scheme() != null && !spec.scheme().isNull() && own.isEmpty();
    this.scheme = own.or(() -> repo.map(repoSchemes::get)).orElse(VersionScheme.SEMVER);
    Optional<String> off = disabled;
    return spec.accept(
        new ArtifactSpec.Visitor<Optional<Artifact>>() {
          @Override
          public Optional<Artifact> image(ImageSpec s) {
            return ModelBuilder.this.image(aid, repo, off, uses, at, path, s);
          }

          @Override
          public Optional<Artifact> chart(ChartSpec s) {
            return ModelBuilder.this.chart(aid, repo, off, uses, at, path, s);
          }

          @Override
          public Optional<Artifact> hook(HookSpec s) {
            return Optional.of(
                new HookArtifact(aid, repo, off, uses, at, Optional.ofNullable(s.path()), scheme));
          }

          @Override
          public Optional<Artifact> file(FileSpec s) {
            return Optional.of(
                new FileArtifact(aid, repo, off, uses, at, Optional.ofNullable(s.path()), scheme));
          }

          @Override
          public Optional<Artifact> asset(AssetSpec s) {
            return ModelBuilder.this.asset(aid, repo, off, uses, at, path, s);
          }
        });
  }

  /** The folder of a chart of ours, as the graph wrote it. */
  private static Optional<String> chartPath(ArtifactSpec spec) {
    return spec.accept(
        new ArtifactSpec.Visitor<Optional<String>>() {
          @Override
          public Optional<String> image(ImageSpec s) {
            return Optional.empty();
          }

          @Override
          public Optional<String> chart(ChartSpec s) {
            return Optional.ofNullable(s.path());
          }

          @Override
          public Optional<String> hook(HookSpec s) {
            return Optional.empty();
          }

          @Override
          public Optional<String> file(FileSpec s) {
            return Optional.empty();
          }

          @Override
          public Optional<String> asset(AssetSpec s) {
            return Optional.empty();
          }
        });
  }

  private Optional<Artifact> asset(
      ArtifactId id,
      Optional<ArtifactId> repo,
      Optional<String> disabled,
      List<Reference> uses,
      Source at,
      String path,
      AssetSpec s) {
    boolean ok = true;
    if (repo.isEmpty()) {
      problems.add(
          Problem.at(
              at, "an asset needs repo:", "name the repo whose release builds and publishes it"));
      ok = false;
    }
    if (s.path() == null || s.path().isBlank()) {
      problems.add(
          Problem.at(
              at,
              "an asset needs path:",
              "name the file its prepare command makes, e.g. path: target/app.jar"));
      ok = false;
    } else if (s.path().startsWith("/") || s.path().endsWith("/") || s.path().contains("..")) {
      problems.add(
          Problem.at(
              positions.at(path + ".path"),
              "asset path '" + s.path() + "' is not a file inside the repo",
              "write a relative file path such as target/app.jar"));
      ok = false;
    }
    List<String> prepare = s.prepare() == null ? List.of() : s.prepare();
    if (!ok) {
      return Optional.empty();
    }
    return Optional.of(new AssetArtifact(id, repo, disabled, uses, at, s.path(), prepare));
  }

  /** The scheme of the artifact being built: its own, else its repo's, else SemVer. */
  private VersionScheme scheme = VersionScheme.SEMVER;

  /** True when the artifact's own scheme: was reported, so its pin is not checked against it. */
  private boolean schemeBad;

  private Optional<Artifact> image(
      ArtifactId id,
      Optional<ArtifactId> repo,
      Optional<String> disabled,
      List<Reference> uses,
      Source at,
      String path,
      ImageSpec s) {
    if (s.name() == null || s.name().isBlank()) {
      if (reported(path + ".name")) {
        return Optional.empty();
      }
      problems.add(Problem.at(at, "image needs a 'name'", "write name: ghcr.io/org/app (no tag)"));
      return Optional.empty();
    }
    if (s.name().contains("@") || s.name().substring(s.name().lastIndexOf('/') + 1).contains(":")) {
      problems.add(
          Problem.at(
              positions.at(path + ".name"),
              "image name '" + s.name() + "' carries a tag or digest",
              "put the tag format in tag: and keep name: bare"));
    }
    VersionFormat tag =
        formats.orDefault(
            s.tag(), VersionFormat.PLAIN, scheme, positions.at(path + ".tag"), problems);
    Optional<Version> pinned = pinned(s.external(), path);
    checkExternal(repo, s.external(), at, path);
    Optional<ImageBuild> build = Optional.ofNullable(s.build()).map(b -> build(b, path + ".build"));
    if (build.isPresent() && repo.isEmpty()) {
      problems.add(
          Problem.at(
              positions.at(path + ".build"),
              "an external image has no build",
              "add repo: or remove build:"));
    }
    return Optional.of(
        new ImageArtifact(
            id,
            repo,
            disabled,
            uses,
            at,
            s.name(),
            tag,
            build,
            Optional.ofNullable(s.base()).map(ArtifactId::of),
            pinned));
  }

  private ImageBuild build(BuildSpec b, String path) {
    List<ImageBuild.Layer> layers = new ArrayList<>();
    List<ArtifactSpec.LayerSpec> specs = b.layers() == null ? List.of() : b.layers();
    for (int i = 0; i < specs.size(); i++) {
      ArtifactSpec.LayerSpec l = specs.get(i);
      if (l == null || l.from() == null || l.to() == null || !l.to().startsWith("/")) {
        problems.add(
            Problem.at(
                positions.at(path + ".layers[" + i + "]"),
                "a layer needs from: (in the repo) and an absolute to: (in the image)",
                "write { from: bin/app, to: /app }"));
        continue;
      }
      if (!insideRepo(l.from(), path + ".layers[" + i + "].from")) {
        continue;
      }
      layers.add(new ImageBuild.Layer(l.from(), l.to()));
    }
    return new ImageBuild(
        orEmpty(b.prepare()),
        Optional.ofNullable(b.from()),
        layers,
        orEmpty(b.entrypoint()),
        b.env() == null ? Map.of() : b.env(),
        b.labels() == null ? Map.of() : b.labels(),
        Optional.ofNullable(b.workdir()),
        Optional.ofNullable(b.user()));
  }

  private Optional<Artifact> chart(
      ArtifactId id,
      Optional<ArtifactId> repo,
      Optional<String> disabled,
      List<Reference> uses,
      Source at,
      String path,
      ChartSpec s) {
    checkExternal(repo, s.external(), at, path);
    if (repo.isPresent() && s.path() == null && !reported(path + ".path")) {
      problems.add(
          Problem.at(at, "chart needs a 'path' (its directory in the repo)", "write path: chart"));
      return Optional.empty();
    }
    VersionFormat version =
        formats.orDefault(
            s.version(), VersionFormat.PLAIN, scheme, positions.at(path + ".version"), problems);
    Optional<VersionFormat> appVersion =
        formats.optional(s.appVersion(), scheme, positions.at(path + ".appVersion"), problems);
    Optional<String> versionPlaceholder = Optional.empty();
    Optional<String> appVersionPlaceholder = Optional.empty();
    JsonNode ph = s.placeholder();
    if (ph != null && !ph.isNull()) {
      if (ph.isNumber()) {
        problems.add(
            Problem.at(
                positions.at(path + ".placeholder"),
                "placeholder " + ph + " is a YAML number, so its text is lost (1.10 reads as 1.1)",
                "quote it: placeholder: \"" + ph.asText() + "\""));
      } else if (ph.isValueNode()) {
        versionPlaceholder = Optional.of(ph.asText());
        appVersionPlaceholder = appVersion.map(f -> ph.asText());
      } else if (ph.isObject()) {
        versionPlaceholder = Optional.ofNullable(ph.get("version")).map(JsonNode::asText);
        appVersionPlaceholder = Optional.ofNullable(ph.get("appVersion")).map(JsonNode::asText);
        ph.fieldNames()
            .forEachRemaining(
                k -> {
                  if (!k.equals("version") && !k.equals("appVersion")) {
                    problems.add(
                        Problem.at(
                            positions.at(path + ".placeholder." + k),
                            "unknown key '" + k + "'",
                            Suggest.hint(k, List.of("version", "appVersion"))));
                  }
                });
      } else {
        problems.add(
            Problem.at(
                positions.at(path + ".placeholder"),
                "placeholder must be a string or { version, appVersion }",
                ""));
      }
    }
    if (s.path() != null && !insideRepo(s.path(), path + ".path")) {
      return Optional.empty();
    }
    String dir = s.path() == null ? "" : chartDir(s.path());
    List<ArtifactId> deps = orEmpty(s.dependencies()).stream().map(ArtifactId::of).toList();
    return Optional.of(
        new ChartArtifact(
            id,
            repo,
            disabled,
            uses,
            at,
            dir,
            Optional.ofNullable(s.publish()),
            version,
            appVersion,
            versionPlaceholder,
            appVersionPlaceholder,
            deps,
            pinned(s.external(), path)));
  }

  /**
   * A chart folder as a clean repo-relative path: no {@code ./}, no trailing slash, {@code .} is
   * the root.
   */
  static String chartDir(String path) {
    String p = path.replaceAll("/+$", "").replaceAll("^(\\./)+", "");
    return p.equals(".") ? "" : p;
  }

  /**
   * True when {@code rel} names a path inside its repo: relative, not climbing out with {@code ..},
   * not inside {@code .git}; else a problem is recorded at {@code yamlPath}.
   */
  private boolean insideRepo(String rel, String yamlPath) {
    String why = null;
    Path p = Path.of(rel.isEmpty() ? "." : rel);
    if (rel.startsWith("/") || rel.contains("\\") || p.isAbsolute()) {
      why = "is absolute";
    } else if (p.normalize().startsWith("..")) {
      why = "climbs out of its repo";
    } else {
      for (Path part : p.normalize()) {
        if (part.toString().equals(".git")) {
          why = "lies inside .git";
        }
      }
    }
    if (why == null) {
      return true;
    }
    problems.add(
        Problem.at(
            positions.at(yamlPath),
            "'" + rel + "' " + why,
            "write a path relative to the repo's root, inside the repo"));
    return false;
  }

  /** True when reading already reported a problem at {@code path} (a wrong type, say). */
  private boolean reportedUnder(String path) {
    return problems.stream().anyMatch(p -> p.source().yamlPath().startsWith(path + "."));
  }

  private boolean reported(String path) {
    return problems.stream().anyMatch(p -> p.source().yamlPath().equals(path));
  }

  private void checkExternal(
      Optional<ArtifactId> repo, ExternalSpec external, Source at, String path) {
    if (repo.isPresent() && external != null) {
      problems.add(
          Problem.at(
              positions.at(path + ".external"),
              "an artifact with repo: is built here, not external",
              "remove repo: or external:"));
    }
    if (external == null) {
      return;
    }
    for (String key : List.of("allow", "ignore")) {
      String pattern = key.equals("allow") ? external.allow() : external.ignore();
      if (pattern == null) {
        continue;
      }
      try {
        com.google.re2j.Pattern.compile(pattern);
      } catch (com.google.re2j.PatternSyntaxException e) {
        problems.add(
            Problem.at(
                positions.at(path + ".external." + key),
                key + ": pattern does not compile in the linear-time engine: " + e.getDescription(),
                "write an RE2 pattern over the tag, e.g. '^v?1\\.29\\.' (no lookaround, no"
                    + " backreferences)"));
      }
    }
    if (external.git() != null
        && !external.git().matches("(?i)(https?|ssh|git|file)://\\S+|[\\w.-]+@[\\w.-]+:\\S+")) {
      problems.add(
          Problem.at(
              positions.at(path + ".external.git"),
              "git: '" + external.git() + "' is not a git URL",
              "write e.g. git: https://github.com/kubevirt/kubevirt"));
    }
  }

  private Optional<Version> pinned(ExternalSpec external, String path) {
    if (external == null || external.version() == null) {
      return Optional.empty();
    }
    Optional<Version> v = Version.parseLenient(scheme, external.version());
    if (v.isEmpty() && !schemeBad) {
      problems.add(
          Problem.at(
              positions.at(path + ".external.version"),
              "'" + external.version() + "' is not a version (scheme " + scheme.name() + ")",
              "pin " + scheme.example() + ", or declare the artifact's scheme:"));
    }
    return v;
  }

  private List<Reference> references(
      ArtifactId from,
      Optional<ArtifactId> repo,
      List<ReferenceSpec> specs,
      String path,
      Optional<String> ownChartYaml) {
    List<Reference> out = new ArrayList<>();
    if (specs == null) {
      return out;
    }
    for (int i = 0; i < specs.size(); i++) {
      ReferenceSpec r = specs.get(i);
      String rpath = path + "[" + i + "]";
      Source at = positions.at(rpath);
      if (r == null || r.to() == null) {
        problems.add(
            Problem.at(at, "a reference needs 'to'", "name the artifact or repo it refers to"));
        continue;
      }
      Policy policy = Policy.LITERAL;
      if (r.policy() != null) {
        switch (r.policy()) {
          case "literal" -> policy = Policy.LITERAL;
          case "placeholder" -> policy = Policy.PLACEHOLDER;
          default ->
              problems.add(
                  Problem.at(
                      positions.at(rpath + ".policy"),
                      "unknown policy '" + r.policy() + "'",
                      "use literal, or placeholder: TEXT"));
        }
      }
      if (r.placeholder() != null && "literal".equals(r.policy())) {
        problems.add(
            Problem.at(
                positions.at(rpath + ".policy"),
                "policy: literal contradicts placeholder:",
                "remove one: a literal reference holds a real version, a placeholder reference fixed text"));
      }
      if (r.unversioned() != null && r.unversioned().isBlank()) {
        problems.add(
            Problem.at(
                positions.at(rpath + ".unversioned"),
                "unversioned: needs a reason",
                "say why this reference carries no version, e.g. unversioned: \"uses the local checkout\""));
      }
      if (r.placeholder() != null) {
        policy = Policy.PLACEHOLDER;
      } else if (policy == Policy.PLACEHOLDER) {
        problems.add(
            Problem.at(
                at,
                "policy placeholder needs the placeholder text",
                "write placeholder: \"0.0.0\""));
      }
      Stamp stamp = Stamp.EVERY;
      if (r.stamp() != null) {
        switch (r.stamp()) {
          case "regular" -> stamp = Stamp.REGULAR;
          case "every" -> stamp = Stamp.EVERY;
          default ->
              problems.add(
                  Problem.at(
                      positions.at(rpath + ".stamp"),
                      "unknown stamp '" + r.stamp() + "'",
                      "use regular (only regular releases move it) or every"));
        }
      }
      Optional<VersionFormat> format =
          r.format() == null
              ? Optional.empty()
              : formats.optional(r.format(), positions.at(rpath + ".format"), problems);
      boolean follow = trainFollow(r.train(), rpath);
      List<Locator> at2 = new ArrayList<>();
      List<ReferenceSpec.LocatorSpec> places = orEmpty(r.at());
      for (int j = 0; j < places.size(); j++) {
        if (places.get(j) == null) {
          continue;
        }
        String lpath = rpath + ".at[" + j + "]";
        Optional<Locator> l = locators.build(places.get(j), lpath, ownChartYaml);
        l.ifPresent(at2::add);
        if (l.isPresent()) {
          pinAndOverride(l.get(), lpath, policy, repo, ArtifactId.of(r.to()));
        }
      }
      if (r.unversioned() != null && !places.isEmpty()) {
        problems.add(
            Problem.at(
                positions.at(rpath + ".unversioned"),
                "an unversioned reference has no places",
                "remove unversioned: or at:"));
      }
      out.add(
          new Reference(
              referenceIndex++,
              from,
              ArtifactId.of(r.to()),
              policy,
              Optional.ofNullable(r.placeholder()),
              stamp,
              format,
              at2,
              Optional.ofNullable(r.unversioned()),
              at,
              follow));
    }
    return out;
  }

  /**
   * {@code pin:} and {@code override:} belong to literal places, and one repo has at most one pin
   * per target: its version of record.
   */
  private void pinAndOverride(
      Locator l, String lpath, Policy policy, Optional<ArtifactId> repo, ArtifactId target) {
    if (policy != Policy.LITERAL && (l.pin() || l.override().isPresent())) {
      String key = l.pin() ? "pin" : "override";
      problems.add(
          Problem.at(
              positions.at(lpath + "." + key),
              key
                  + ": on a placeholder reference; git holds fixed text there, not a version of"
                  + " its own",
              "remove " + key + ":, or make the reference literal (drop placeholder:)"));
      return;
    }
    if (!l.pin() || repo.isEmpty()) {
      return;
    }
    String key = repo.get() + " " + target;
    Locator first = pins.putIfAbsent(key, l);
    if (first != null) {
      problems.add(
          Problem.at(
              positions.at(lpath + ".pin"),
              "repo "
                  + repo.get()
                  + " pins "
                  + target
                  + " twice; the first pin: true is "
                  + first.describe()
                  + " at "
                  + first.source().position(),
              "keep one version of record per repo: remove pin: true here, or declare the other"
                  + " place override: NAME"));
    }
  }

  /** {@code train: follow} (moves on the after-release branch in a train) or {@code release}. */
  private boolean trainFollow(String train, String rpath) {
    if (train == null || train.equals("release")) {
      return false;
    }
    if (train.equals("follow")) {
      return true;
    }
    problems.add(
        Problem.at(
            positions.at(rpath + ".train"),
            "unknown train '" + train + "'",
            "use follow (moves on the after-release branch, does not order a train) or release"));
    return false;
  }

  /** The list without its null items, unmodifiable; a loop, as it runs for every reference. */
  private static <T> List<T> orEmpty(List<T> list) {
    if (list == null) {
      return List.of();
    }
    List<T> out = new ArrayList<>(list.size());
    for (T t : list) {
      if (t != null) {
        out.add(t);
      }
    }
    return java.util.Collections.unmodifiableList(out);
  }
}
