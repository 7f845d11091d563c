package dev.lockstep.release;

import java.time.Instant;
import java.time.ZoneId;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Who and when the release commit, tag and after-release commit are made: the repo's configured
 * user (else {@code lockstep <lockstep@localhost>}) at the base commit's committer time plus one
 * second, in its time zone. No wall clock: a re-run after any failure makes the very same objects,
 * so it converges instead of conflicting with itself.
 */
final class ReleaseIdentity {
  static final String DEFAULT_NAME = "lockstep";
  static final String DEFAULT_EMAIL = "lockstep@localhost";

  private ReleaseIdentity() {}

  static PersonIdent of(Config config, RevCommit base) {
    String name = config.getString("user", null, "name");
    String email = config.getString("user", null, "email");
    PersonIdent baseCommitter = base.getCommitterIdent();
    Instant when = baseCommitter.getWhenAsInstant().plusSeconds(1);
    ZoneId zone = baseCommitter.getZoneId();
    return new PersonIdent(blankTo(name, DEFAULT_NAME), blankTo(email, DEFAULT_EMAIL), when, zone);
  }

  private static String blankTo(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
