package dev.lockstep.plan;

import dev.lockstep.model.ArtifactId;
import dev.lockstep.model.ImageBuild;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a release plan. The planner only describes steps; the release executor carries them
 * out in list order, and {@code --dry-run} prints them.
 */
public sealed interface Action {

  /** One line for people, e.g. {@code tag kubestellar v0.30.0}. */
  String describe();

  /** A file of the released repo rewritten in the release commit (or the after-release branch). */
  record RewriteFile(ArtifactId repo, String path, String before, String after, List<String> why)
      implements Action {
    public RewriteFile {
      why = List.copyOf(why);
    }

    @Override
    public String describe() {
      return "rewrite " + repo + ":" + path + " (" + String.join("; ", why) + ")";
    }
  }

  /**
   * The release commit on {@code branch}, made on top of {@code base} (the head of the branch the
   * release is cut from: main, or a maintenance line's branch).
   */
  record ReleaseCommit(ArtifactId repo, String base, String branch, String message)
      implements Action {
    @Override
    public String describe() {
      return "commit on branch " + branch + " (from " + base + "): " + message;
    }
  }

  /** An annotated tag on the release commit; never moved. */
  record Tag(ArtifactId repo, String name, String message) implements Action {
    @Override
    public String describe() {
      return "tag " + repo + " " + name + " (annotated)";
    }
  }

  /**
   * Build an image with jib-core from a clean checkout of the release commit.
   *
   * @param reference the image reference as the graph names it, with the release tag
   * @param labels OCI labels: revision (filled in with the release commit), version, source
   */
  record BuildImage(
      ArtifactId artifact, String reference, ImageBuild recipe, Map<String, String> labels)
      implements Action {
    public BuildImage {
      labels = Map.copyOf(labels);
    }

    @Override
    public String describe() {
      return "build image "
          + reference
          + " with jib-core"
          + recipe.from().map(f -> " from " + f).orElse(" from scratch");
    }
  }

  /** An image of ours built by another tool: it must already exist at the release's tag. */
  record CheckImage(ArtifactId artifact, String reference) implements Action {
    @Override
    public String describe() {
      return "check image " + reference + " exists (built elsewhere)";
    }
  }

  /**
   * Run an asset's {@code prepare} command in the release checkout and publish the file it makes at
   * {@code path} as {@code fileName}, with its sha256 in {@code SHA256SUMS} and the manifest.
   */
  record BuildAsset(ArtifactId artifact, String path, List<String> prepare, String fileName)
      implements Action {
    public BuildAsset {
      prepare = List.copyOf(prepare);
    }

    @Override
    public String describe() {
      return "build asset "
          + fileName
          + (prepare.isEmpty() ? " (" + path + ")" : " with `" + String.join(" ", prepare) + "`")
          + ", its sha256 in SHA256SUMS";
    }
  }

  /**
   * Stamp {@code version}/{@code appVersion} into the chart in the release checkout and package it
   * with Helm.
   */
  record PackageChart(ArtifactId artifact, String path, String version, Optional<String> appVersion)
      implements Action {
    @Override
    public String describe() {
      return "package chart "
          + path
          + " as version "
          + version
          + appVersion.map(a -> ", appVersion " + a).orElse("");
    }
  }

  /** Publish a built image (a registry, or an OCI tarball in the output folder). */
  record PublishImage(ArtifactId artifact, String reference) implements Action {
    @Override
    public String describe() {
      return "publish image " + reference;
    }
  }

  /** Publish a packaged chart (an OCI repository, or a .tgz in the output folder). */
  record PublishChart(ArtifactId artifact, String repository, String name, String version)
      implements Action {
    @Override
    public String describe() {
      return "publish chart " + name + ":" + version + " to " + repository;
    }
  }

  /**
   * Push the release tag and branch to the remote, atomically; last, so a tag means everything
   * exists.
   */
  record PushGit(ArtifactId repo, List<String> refs) implements Action {
    public PushGit {
      refs = List.copyOf(refs);
    }

    @Override
    public String describe() {
      return "push " + String.join(", ", refs) + " atomically (only when the repo has a remote)";
    }
  }

  /**
   * Write the release manifest: every artifact, version, digest, commit, and each reference's
   * version.
   */
  record WriteManifest(String file) implements Action {
    @Override
    public String describe() {
      return "write release manifest " + file;
    }
  }

  /**
   * A branch off the branch the release was cut from, whose commit moves literal self-references to
   * the new version.
   */
  record AfterReleaseBranch(ArtifactId repo, String branch, List<RewriteFile> rewrites)
      implements Action {
    public AfterReleaseBranch {
      rewrites = List.copyOf(rewrites);
    }

    @Override
    public String describe() {
      return "branch "
          + branch
          + " off main: "
          + rewrites.size()
          + " file(s) with self-references moved to the release";
    }
  }
}
