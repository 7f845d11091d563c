package dev.lockstep.release;

import dev.lockstep.gitrepo.GitCredentials;
import dev.lockstep.model.Redact;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * The released repo's {@code origin}: its refs (ls-remote) and atomic pushes of object ids, so the
 * remote can get the release refs before (or without) the local ones existing. Over HTTPS it
 * authenticates with the token {@link GitCredentials} finds in the environment, whatever the
 * checkout wrote into the git config.
 */
final class GitRemote {
  static final String NAME = "origin";

  private final Repository repo;
  private final String url;
  private final GitCredentials credentials;

  private GitRemote(Repository repo, String url, GitCredentials credentials) {
    this.repo = repo;
    this.url = url;
    this.credentials = credentials;
  }

  /** The repo's origin, if it has one, reached with {@code credentials}. */
  static Optional<GitRemote> of(Repository repo, GitCredentials credentials) {
    String url = repo.getConfig().getString("remote", NAME, "url");
    return url == null || url.isBlank()
        ? Optional.empty()
        : Optional.of(new GitRemote(repo, url, credentials));
  }

  String url() {
    return url;
  }

  /** Every ref of the remote (heads and tags; annotated tags with their peeled commit). */
  Map<String, Ref> refs(ReleaseException.Stage stage) {
    try {
      Collection<Ref> refs =
          credentials
              .apply(Git.lsRemoteRepository().setRemote(url).setHeads(true).setTags(true), url)
              .call();
      Map<String, Ref> byName = new LinkedHashMap<>();
      refs.forEach(r -> byName.put(r.getName(), r));
      return byName;
    } catch (GitAPIException e) {
      throw new GitRemoteException(
          "cannot read the refs of remote " + NAME + " (" + redact(url) + "): " + why(e), stage, e);
    }
  }

  /** Pushes {@code id -> refName} pairs all or nothing; fails unless the remote took every one. */
  void pushAtomically(Map<String, ObjectId> refs, ReleaseException.Stage stage) {
    List<RefSpec> specs = new ArrayList<>();
    refs.forEach((name, id) -> specs.add(new RefSpec(id.name() + ":" + name)));
    Iterable<PushResult> results;
    try {
      results =
          credentials
              .apply(new Git(repo).push().setRemote(NAME).setAtomic(true).setRefSpecs(specs), url)
              .call();
    } catch (GitAPIException e) {
      throw new GitRemoteException(
          "push of "
              + String.join(", ", refs.keySet())
              + " to "
              + NAME
              + " ("
              + redact(url)
              + ") failed: "
              + why(e),
          stage,
          e);
    }
    for (PushResult result : results) {
      for (RemoteRefUpdate update : result.getRemoteUpdates()) {
        RemoteRefUpdate.Status status = update.getStatus();
        if (status != RemoteRefUpdate.Status.OK && status != RemoteRefUpdate.Status.UP_TO_DATE) {
          String why =
              update.getMessage() == null ? "" : " (" + firstLine(update.getMessage()) + ")";
          throw new GitRemoteException(
              NAME
                  + " rejected the push of "
                  + update.getRemoteName()
                  + ": "
                  + status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                  + why
                  + "; no ref was pushed (atomic)",
              stage,
              null);
        }
      }
    }
  }

  /** A URL with any user:password part removed, for messages. */
  static String redact(String url) {
    return Redact.userInfo(url);
  }

  /** The first line of JGit's message; for a refused login, which token was sent (never it). */
  private String why(GitAPIException e) {
    String line = firstLine(e.getMessage());
    String lower = line.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("not authorized")
        || lower.contains("authentication is required")
        || lower.contains("credentialsprovider")) {
      return line + " (" + credentials.hint(url) + ")";
    }
    return line;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return redact((newline < 0 ? message : message.substring(0, newline)).trim());
  }
}
