package dev.lockstep.release;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;

/**
 * A release is cut from git alone, so a change git does not hold (modified, staged, deleted or
 * untracked) would silently stay out of it: refuse instead. Untracked files under lockstep's own
 * output or cache folder do not count when those folders lie inside the repo.
 */
final class WorkTreeGuard {
  private WorkTreeGuard() {}

  /** Each dirty path with a short git-status code, sorted by path. */
  static List<String> dirtyFiles(Repository repo, List<Path> ownFolders) throws GitAPIException {
    Status status = new Git(repo).status().call();
    Map<String, String> dirty = new TreeMap<>();
    status.getUntracked().forEach(p -> dirty.put(p, "??"));
    status.getAdded().forEach(p -> dirty.put(p, "A"));
    status.getChanged().forEach(p -> dirty.put(p, "M"));
    status.getModified().forEach(p -> dirty.put(p, "M"));
    status.getRemoved().forEach(p -> dirty.put(p, "D"));
    status.getMissing().forEach(p -> dirty.put(p, "D"));
    status.getConflicting().forEach(p -> dirty.put(p, "U"));
    Path root = repo.getWorkTree().toPath().toAbsolutePath().normalize();
    List<String> own =
        ownFolders.stream()
            .map(p -> p.toAbsolutePath().normalize())
            .filter(p -> p.startsWith(root) && !p.equals(root))
            .map(p -> root.relativize(p).toString().replace('\\', '/') + "/")
            .toList();
    return dirty.entrySet().stream()
        .filter(e -> !(e.getValue().equals("??") && own.stream().anyMatch(e.getKey()::startsWith)))
        .map(e -> e.getValue() + " " + e.getKey())
        .toList();
  }
}
