package dev.lockstep.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** An artifact entry; {@code kind} picks the record, so a key of another kind is an unknown key. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ArtifactSpec.ImageSpec.class, name = "image"),
  @JsonSubTypes.Type(value = ArtifactSpec.ChartSpec.class, name = "chart"),
  @JsonSubTypes.Type(value = ArtifactSpec.HookSpec.class, name = "hook"),
  @JsonSubTypes.Type(value = ArtifactSpec.FileSpec.class, name = "file"),
  @JsonSubTypes.Type(value = ArtifactSpec.AssetSpec.class, name = "asset")
})
sealed interface ArtifactSpec {
  List<String> KINDS = List.of("image", "chart", "hook", "file", "asset");

  /**
   * The record of each kind, as {@link JsonSubTypes} above names them (written out again because
   * reading annotations costs start-up time; a test keeps the two equal).
   */
  Map<String, Class<? extends ArtifactSpec>> TYPES =
      Map.of(
          "image", ImageSpec.class,
          "chart", ChartSpec.class,
          "hook", HookSpec.class,
          "file", FileSpec.class,
          "asset", AssetSpec.class);

  String repo();

  Boolean enabled();

  String reason();

  List<ReferenceSpec> uses();

  /** {@code scheme:}: a name or {@code { pattern: REGEX }}; read by {@link Schemes}. */
  JsonNode scheme();

  /** One method per kind, so that a new kind's entry does not compile until it is built. */
  interface Visitor<R> {
    R image(ImageSpec spec);

    R chart(ChartSpec spec);

    R hook(HookSpec spec);

    R file(FileSpec spec);

    R asset(AssetSpec spec);
  }

  <R> R accept(Visitor<R> visitor);

  /**
   *
   *
   * <pre>
   * kcm-image:
   *   kind: image
   *   repo: kubestellar
   *   name: ghcr.io/kubestellar/kubestellar/controller-manager
   *   tag: "{version}"
   *   build: { from: ..., layers: [ { from: bin/app, to: /app } ], entrypoint: [ /app ] }
   * clusteradm:
   *   kind: image
   *   name: quay.io/kubestellar/clusteradm
   *   external: { version: 0.10.1 }
   * </pre>
   */
  record ImageSpec(
      String repo,
      Boolean enabled,
      String reason,
      String description,
      List<ReferenceSpec> uses,
      JsonNode scheme,
      String name,
      String tag,
      BuildSpec build,
      String base,
      ExternalSpec external)
      implements ArtifactSpec {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.image(this);
    }
  }

  /**
   *
   *
   * <pre>
   * core-chart:
   *   kind: chart
   *   repo: kubestellar
   *   path: core-chart
   *   publish: oci://ghcr.io/kubestellar/kubestellar/core-chart
   *   version: "{version}"
   *   appVersion: "{version}"
   *   placeholder: "0.1.0"        # or { version: "0.1.0", appVersion: "0.0.0" }
   *   dependencies: [ kcm-chart ]
   * </pre>
   */
  record ChartSpec(
      String repo,
      Boolean enabled,
      String reason,
      String description,
      List<ReferenceSpec> uses,
      JsonNode scheme,
      String path,
      String publish,
      String version,
      String appVersion,
      JsonNode placeholder,
      List<String> dependencies,
      ExternalSpec external)
      implements ArtifactSpec {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.chart(this);
    }
  }

  /** A Kubernetes manifest: {@code path} is the manifest file. */
  record HookSpec(
      String repo,
      Boolean enabled,
      String reason,
      String description,
      List<ReferenceSpec> uses,
      JsonNode scheme,
      String path)
      implements ArtifactSpec {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.hook(this);
    }
  }

  /** Any other file that pins versions. */
  record FileSpec(
      String repo,
      Boolean enabled,
      String reason,
      String description,
      List<ReferenceSpec> uses,
      JsonNode scheme,
      String path)
      implements ArtifactSpec {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.file(this);
    }
  }

  /**
   * A file a release publishes.
   *
   * <pre>
   * lockstep-jar:
   *   kind: asset
   *   repo: lockstep
   *   prepare: [ mvn, -B, -q, -Dmaven.test.skip=true, package ]
   *   path: target/lockstep.jar
   * </pre>
   */
  record AssetSpec(
      String repo,
      Boolean enabled,
      String reason,
      String description,
      List<ReferenceSpec> uses,
      JsonNode scheme,
      List<String> prepare,
      String path)
      implements ArtifactSpec {
    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.asset(this);
    }
  }

  /**
   * Built elsewhere: the version pinned in the graph, for charts where they are published, a git
   * repository whose tags are its versions ({@code git:}), and which tags {@code outdated} may
   * propose ({@code allow:}, {@code ignore:}: RE2 patterns).
   */
  record ExternalSpec(
      String version, String repository, String chart, String git, String allow, String ignore) {}

  /** The jib-core recipe of an image. */
  record BuildSpec(
      List<String> prepare,
      String from,
      List<LayerSpec> layers,
      List<String> entrypoint,
      Map<String, String> env,
      Map<String, String> labels,
      String workdir,
      String user) {}

  record LayerSpec(String from, String to) {}
}
