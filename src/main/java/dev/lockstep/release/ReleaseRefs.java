package dev.lockstep.release;

import dev.lockstep.gitrepo.GitCredentials;
import dev.lockstep.release.ReleaseException.Stage;
import dev.lockstep.release.ReleaseStep.Kind;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * The git refs of a release: the tag and release branch on the release commit, and the
 * after-release branch. Preflight decides which are still to be made, locally and on {@code
 * origin}, refusing any that exist elsewhere; at the end they are pushed (atomically, only when
 * releasing to a registry: a remote tag promises that everything it names is published) and then
 * created locally, never moving an existing ref.
 */
final class ReleaseRefs {
  /** What preflight computed: the objects the refs will point at. */
  record RefTargets(ObjectId commit, ObjectId tagObject, Optional<AfterBranch> after) {}

  /** The after-release branch and its commit (made in memory on top of main). */
  record AfterBranch(String name, InMemoryCommit commit) {}

  private final Repository git;
  private final String tag;
  private final String branch;
  private final String version;
  private final ReleaseListener listener;
  private final RefGuard guard;
  private final GitCredentials credentials;

  private RefTargets targets;
  private Optional<GitRemote> remote = Optional.empty();
  private boolean push;
  private final Map<String, ObjectId> localToCreate = new LinkedHashMap<>();
  private final Map<String, ObjectId> remoteToPush = new LinkedHashMap<>();
  private boolean afterLocalMissing;
  private boolean afterRemoteMissing;

  ReleaseRefs(
      Repository git,
      String tag,
      String branch,
      String version,
      GitCredentials credentials,
      ReleaseListener listener) {
    this.git = git;
    this.credentials = credentials;
    this.tag = tag;
    this.branch = branch;
    this.version = version;
    this.listener = listener;
    this.guard = new RefGuard(git);
  }

  /** Whether the refs go to {@code origin}: known after {@link #check}. */
  boolean pushes() {
    return push;
  }

  /**
   * Preflight: refuses a tag or branch that exists (here or on origin) at another commit.
   *
   * @param mayPush releasing to a registry: origin must answer, and it gets the refs
   */
  void check(RefTargets targets, boolean mayPush) throws IOException {
    this.targets = targets;
    String tagRef = Constants.R_TAGS + tag;
    String branchRef = Constants.R_HEADS + branch;
    if (guard.tag(RefGuard.local(git, tagRef), tag, targets.commit(), "")
        == RefGuard.State.ABSENT) {
      localToCreate.put(tagRef, targets.tagObject());
    }
    if (guard.releaseBranch(RefGuard.local(git, branchRef), branch, targets.commit(), "")
        == RefGuard.State.ABSENT) {
      localToCreate.put(branchRef, targets.commit());
    }
    if (targets.after().isPresent()) {
      AfterBranch after = targets.after().get();
      afterLocalMissing =
          guard.afterBranch(
                  RefGuard.local(git, Constants.R_HEADS + after.name()),
                  after.name(),
                  after.commit().commit(),
                  after.commit().tree(),
                  "")
              == RefGuard.State.ABSENT;
    }
    remote = GitRemote.of(git, credentials);
    if (remote.isPresent()) {
      checkRemote(tagRef, branchRef, mayPush);
    }
  }

  private void checkRemote(String tagRef, String branchRef, boolean mayPush) throws IOException {
    ReleaseStep step =
        new ReleaseStep(
            Kind.PREFLIGHT,
            "remote " + GitRemote.NAME + " " + GitRemote.redact(remote.get().url()));
    listener.started(step);
    Optional<Map<String, Ref>> refs;
    try {
      refs = Optional.of(remote.get().refs(Stage.PREFLIGHT));
      listener.finished(step, refs.get().size() + " refs");
    } catch (GitRemoteException e) {
      if (mayPush) {
        throw e;
      }
      // The embedded default pushes nothing, so an offline remote only means one check less.
      listener.skipped(step, "not reachable, its tags were not checked: " + e.getMessage());
      return;
    }
    push = mayPush;
    String where = " on " + GitRemote.NAME;
    if (guard.tag(RefGuard.remote(refs, tagRef), tag, targets.commit(), where)
        == RefGuard.State.ABSENT) {
      // An existing local tag at the release commit is what the remote gets, whoever made it.
      remoteToPush.put(tagRef, RefGuard.local(git, tagRef).orElse(targets.tagObject()));
    }
    if (guard.releaseBranch(RefGuard.remote(refs, branchRef), branch, targets.commit(), where)
        == RefGuard.State.ABSENT) {
      remoteToPush.put(branchRef, targets.commit());
    }
    if (targets.after().isPresent()) {
      AfterBranch after = targets.after().get();
      afterRemoteMissing =
          guard.afterBranch(
                  RefGuard.remote(refs, Constants.R_HEADS + after.name()),
                  after.name(),
                  after.commit().commit(),
                  after.commit().tree(),
                  where)
              == RefGuard.State.ABSENT;
    }
  }

  /** The tag and release branch: pushed first (all or nothing), then created locally. */
  void createReleaseRefs(Stage stage) throws IOException {
    if (push && !remoteToPush.isEmpty()) {
      ReleaseStep step = new ReleaseStep(Kind.PUSH, String.join(", ", remoteToPush.keySet()));
      listener.started(step);
      remote.get().pushAtomically(remoteToPush, stage);
      listener.finished(step, "pushed to " + GitRemote.NAME);
    } else if (push) {
      listener.skipped(
          new ReleaseStep(Kind.PUSH, tag), GitRemote.NAME + " already has the release refs");
    }
    ReleaseStep step = new ReleaseStep(Kind.TAG, tag);
    listener.started(step);
    if (localToCreate.isEmpty()) {
      listener.skipped(step, "tag " + tag + " and branch " + branch + " already exist");
      return;
    }
    for (Map.Entry<String, ObjectId> ref : localToCreate.entrySet()) {
      create(ref.getKey(), ref.getValue(), stage);
    }
    listener.finished(
        step,
        String.join(", ", localToCreate.keySet()) + " -> " + RefGuard.abbreviate(targets.commit()));
  }

  void createAfterBranch(Stage stage) throws IOException {
    if (targets.after().isEmpty()) {
      return;
    }
    AfterBranch after = targets.after().get();
    String ref = Constants.R_HEADS + after.name();
    ReleaseStep step = new ReleaseStep(Kind.AFTER_BRANCH, after.name());
    listener.started(step);
    if (afterLocalMissing) {
      create(ref, after.commit().commit(), stage);
    }
    boolean pushed = push && afterRemoteMissing;
    if (pushed) {
      remote.get().pushAtomically(Map.of(ref, after.commit().commit()), stage);
    }
    if (!afterLocalMissing && !pushed) {
      listener.skipped(step, "already exists with the same content");
    } else {
      listener.finished(
          step,
          RefGuard.abbreviate(after.commit().commit())
              + (pushed ? ", pushed to " + GitRemote.NAME : ""));
    }
  }

  private java.nio.file.Path lockFile(String name) {
    return git.getDirectory().toPath().resolve(name + ".lock");
  }

  /**
   * A release killed while writing a ref leaves {@code <ref>.lock} behind. When the ref is still
   * absent and the lock is empty or holds exactly what this release writes, it is ours: remove it.
   */
  private boolean clearStaleLock(String name, ObjectId id) throws IOException {
    java.nio.file.Path lock = lockFile(name);
    if (git.exactRef(name) != null || !java.nio.file.Files.isRegularFile(lock)) {
      return false;
    }
    String held = java.nio.file.Files.readString(lock).strip();
    if (!held.isEmpty() && !held.equals(id.name())) {
      return false;
    }
    java.nio.file.Files.delete(lock);
    return true;
  }

  /** Creates a ref that must not exist yet: never moves one, whatever happened since preflight. */
  private void create(String name, ObjectId id, Stage stage) throws IOException {
    RefUpdate update = git.updateRef(name);
    update.setNewObjectId(id);
    update.setExpectedOldObjectId(ObjectId.zeroId());
    update.setRefLogMessage("lockstep release " + version, false);
    RefUpdate.Result result = update.update();
    if (result == RefUpdate.Result.LOCK_FAILURE && clearStaleLock(name, id)) {
      update = git.updateRef(name);
      update.setNewObjectId(id);
      update.setExpectedOldObjectId(ObjectId.zeroId());
      update.setRefLogMessage("lockstep release " + version, false);
      result = update.update();
    }
    if (result == RefUpdate.Result.LOCK_FAILURE) {
      throw new RefConflictException(
          "could not create "
              + name
              + ": "
              + lockFile(name)
              + " is held (another git process, or one that was killed); remove it if no git command is running, then re-run",
          stage);
    }
    if (result != RefUpdate.Result.NEW) {
      throw new RefConflictException(
          "could not create "
              + name
              + " ("
              + result.name().toLowerCase(Locale.ROOT)
              + "); it was created by someone else since the preflight",
          stage);
    }
  }
}
