package dev.lockstep.release;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;

/**
 * Git objects computed in memory, with their ids, but not yet written: preflight knows the exact
 * release commit and tag without changing the repository, and writes them only once it passed.
 */
final class PendingObjects {
  private record Pending(int type, byte[] data, ObjectId id) {}

  private final ObjectInserter.Formatter formatter = new ObjectInserter.Formatter();
  private final List<Pending> objects = new ArrayList<>();

  /** The id the object will have; the object is kept for {@link #insert}. */
  ObjectId add(int type, byte[] data) {
    ObjectId id = formatter.idFor(type, data);
    objects.add(new Pending(type, data, id));
    return id;
  }

  /** Writes every object (already present ones are no-ops for git) and checks each id. */
  void insert(Repository repo) throws IOException {
    try (ObjectInserter inserter = repo.newObjectInserter()) {
      for (Pending p : objects) {
        ObjectId written = inserter.insert(p.type(), p.data());
        if (!written.equals(p.id())) {
          throw new IOException(
              "git object id mismatch: expected " + p.id().name() + ", wrote " + written.name());
        }
      }
      inserter.flush();
    }
  }
}
