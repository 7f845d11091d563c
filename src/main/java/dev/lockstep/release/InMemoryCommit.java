package dev.lockstep.release;

import dev.lockstep.plan.Action;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * A commit made without any work tree: the base commit's tree with the blobs of the rewritten files
 * replaced (file modes kept), computed in memory into {@link PendingObjects}. The user's checkout,
 * index and branches are never touched.
 */
record InMemoryCommit(ObjectId commit, ObjectId tree) {

  static InMemoryCommit on(
      Repository repo,
      RevCommit base,
      List<Action.RewriteFile> rewrites,
      PersonIdent who,
      String message,
      PendingObjects out)
      throws IOException {
    Map<String, Action.RewriteFile> byPath = new LinkedHashMap<>();
    for (Action.RewriteFile r : rewrites) {
      byPath.put(r.path(), r);
    }
    Set<String> done = new HashSet<>();
    ObjectId tree;
    try (ObjectReader reader = repo.newObjectReader()) {
      tree = rewriteTree(reader, base.getTree(), "", byPath, done, out);
    }
    for (String path : byPath.keySet()) {
      if (!done.contains(path)) {
        throw new PlanMismatchException(
            path + " is not a file of " + base.abbreviate(10).name() + "; plan the release again");
      }
    }
    CommitBuilder commit = new CommitBuilder();
    commit.setTreeId(tree);
    commit.setParentId(base);
    commit.setAuthor(who);
    commit.setCommitter(who);
    commit.setMessage(withNewline(message));
    return new InMemoryCommit(out.add(Constants.OBJ_COMMIT, commit.build()), tree);
  }

  /** The annotated tag object on {@code commit}; its id is as deterministic as the commit's. */
  static ObjectId tag(
      ObjectId commit, String name, PersonIdent who, String message, PendingObjects out)
      throws IOException {
    TagBuilder tag = new TagBuilder();
    tag.setTag(name);
    tag.setObjectId(commit, Constants.OBJ_COMMIT);
    tag.setTagger(who);
    tag.setMessage(withNewline(message));
    return out.add(Constants.OBJ_TAG, tag.build());
  }

  private static ObjectId rewriteTree(
      ObjectReader reader,
      ObjectId tree,
      String prefix,
      Map<String, Action.RewriteFile> byPath,
      Set<String> done,
      PendingObjects out)
      throws IOException {
    TreeFormatter formatter = new TreeFormatter();
    for (CanonicalTreeParser p = new CanonicalTreeParser(null, reader, tree); !p.eof(); p.next()) {
      String path = prefix + p.getEntryPathString();
      FileMode mode = p.getEntryFileMode();
      ObjectId id = p.getEntryObjectId();
      if (mode == FileMode.TREE && hasPathUnder(byPath, path + "/")) {
        id = rewriteTree(reader, id, path + "/", byPath, done, out);
      } else if (byPath.containsKey(path)) {
        id = rewriteBlob(reader, path, mode, id, byPath.get(path), out);
        done.add(path);
      }
      formatter.append(p.getEntryPathBuffer(), p.getNameOffset(), p.getNameLength(), mode, id);
    }
    return out.add(Constants.OBJ_TREE, formatter.toByteArray());
  }

  private static ObjectId rewriteBlob(
      ObjectReader reader,
      String path,
      FileMode mode,
      ObjectId id,
      Action.RewriteFile rewrite,
      PendingObjects out)
      throws IOException {
    if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
      throw new PlanMismatchException(
          path
              + " is not a regular file in git (mode "
              + mode
              + "); lockstep rewrites only regular files");
    }
    String now = new String(reader.open(id, Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
    if (!now.equals(rewrite.before())) {
      // The plan read the work tree; git must hold the very text it planned to rewrite.
      throw new PlanMismatchException(
          path + " in git differs from the text the plan rewrites; plan the release again");
    }
    return out.add(Constants.OBJ_BLOB, rewrite.after().getBytes(StandardCharsets.UTF_8));
  }

  private static boolean hasPathUnder(Map<String, Action.RewriteFile> byPath, String dir) {
    for (String path : byPath.keySet()) {
      if (path.startsWith(dir)) {
        return true;
      }
    }
    return false;
  }

  private static String withNewline(String message) {
    return message.endsWith("\n") ? message : message + "\n";
  }
}
