package dev.lockstep.release;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Decides, for each ref a release creates, whether it is still to be made ({@link State#ABSENT}),
 * already made by an earlier run of the same release ({@link State#SAME}: resume), or taken by
 * something else (refused). Tags are never moved; branches are never rewound or forced.
 */
final class RefGuard {
  enum State {
    ABSENT,
    SAME
  }

  private static final int SHORT = 10;

  private final Repository repo;

  RefGuard(Repository repo) {
    this.repo = repo;
  }

  /** The tag may exist only if it peels to the release commit. */
  State tag(Optional<ObjectId> existing, String name, ObjectId commit, String where)
      throws IOException {
    if (existing.isEmpty()) {
      return State.ABSENT;
    }
    if (existing.get().equals(commit)) {
      return State.SAME; // a remote's peeled id: the commit may not be in the local store yet
    }
    Optional<ObjectId> peeled = peel(existing.get());
    if (peeled.isPresent() && peeled.get().equals(commit)) {
      return State.SAME;
    }
    throw new RefConflictException(
        "tag "
            + name
            + " already exists"
            + where
            + " at "
            + peeled.map(RefGuard::abbreviate).orElse(abbreviate(existing.get()))
            + ", not at the release commit "
            + abbreviate(commit)
            + "; tags are never moved: release another version");
  }

  /** The release branch may exist at the release commit or at a commit that contains it. */
  State releaseBranch(Optional<ObjectId> existing, String name, ObjectId commit, String where)
      throws IOException {
    if (existing.isEmpty()) {
      return State.ABSENT;
    }
    if (existing.get().equals(commit) || contains(existing.get(), commit)) {
      return State.SAME;
    }
    throw new RefConflictException(
        "branch "
            + name
            + " already exists"
            + where
            + " at "
            + abbreviate(existing.get())
            + ", which does not contain the release commit "
            + abbreviate(commit)
            + "; delete or rename it, or release another version");
  }

  /**
   * The after-release branch may exist with the same tree (its commit may differ, e.g. rebased).
   */
  State afterBranch(
      Optional<ObjectId> existing, String name, ObjectId commit, ObjectId tree, String where)
      throws IOException {
    if (existing.isEmpty()) {
      return State.ABSENT;
    }
    if (existing.get().equals(commit)) {
      return State.SAME;
    }
    Optional<ObjectId> existingTree = treeOf(existing.get());
    if (existingTree.isPresent() && existingTree.get().equals(tree)) {
      return State.SAME;
    }
    throw new RefConflictException(
        "branch "
            + name
            + " already exists"
            + where
            + " with other content (at "
            + abbreviate(existing.get())
            + "); merge or delete it, then re-run");
  }

  static Optional<ObjectId> local(Repository repo, String refName) throws IOException {
    Ref ref = repo.exactRef(refName);
    return ref == null ? Optional.empty() : Optional.ofNullable(ref.getObjectId());
  }

  /**
   * What a remote ref points at; for an annotated tag, the commit it peels to when the remote said
   * so.
   */
  static Optional<ObjectId> remote(Optional<Map<String, Ref>> remoteRefs, String refName) {
    return remoteRefs
        .map(refs -> refs.get(refName))
        .map(ref -> ref.getPeeledObjectId() != null ? ref.getPeeledObjectId() : ref.getObjectId());
  }

  static String abbreviate(ObjectId id) {
    return id.abbreviate(SHORT).name();
  }

  private Optional<ObjectId> peel(ObjectId id) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      RevObject object = walk.peel(walk.parseAny(id));
      return Optional.of(object.copy());
    } catch (MissingObjectException e) {
      return Optional.empty(); // only on the remote: cannot be ours
    }
  }

  private boolean contains(ObjectId tip, ObjectId commit) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit tipCommit = walk.parseCommit(tip);
      return walk.isMergedInto(walk.parseCommit(commit), tipCommit);
    } catch (MissingObjectException e) {
      return false;
    }
  }

  private Optional<ObjectId> treeOf(ObjectId commit) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      return Optional.of(walk.parseCommit(commit).getTree().copy());
    } catch (MissingObjectException e) {
      return Optional.empty();
    }
  }
}
