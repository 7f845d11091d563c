package dev.lockstep.gitrepo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Which token goes where: the host it is for, over HTTPS (or to loopback), never elsewhere. */
@Tag("hostile-credentials")
class GitCredentialsTest {

  private static Optional<String> sent(GitCredentials credentials, String url) throws Exception {
    Optional<CredentialsProvider> provider = credentials.forUrl(url);
    if (provider.isEmpty()) {
      return Optional.empty();
    }
    CredentialItem.Username user = new CredentialItem.Username();
    CredentialItem.Password password = new CredentialItem.Password();
    assertTrue(provider.get().get(new URIish(url), user, password));
    assertEquals("x-access-token", user.getValue());
    return Optional.of(new String(password.getValue()));
  }

  @Test
  void githubTokenGoesToGithubOverHttpsOnly() throws Exception {
    GitCredentials c = GitCredentials.from(Map.of("GITHUB_TOKEN", "t1"));
    assertEquals("github.com", c.host());
    assertEquals(Optional.of("t1"), sent(c, "https://github.com/o/r.git"));
    assertEquals(Optional.of("t1"), sent(c, "https://GitHub.com:443/o/r"));
    assertEquals(Optional.empty(), sent(c, "http://github.com/o/r.git"));
    assertEquals(Optional.empty(), sent(c, "https://gitlab.com/o/r.git"));
    assertEquals(Optional.empty(), sent(c, "https://github.com.evil.example/o/r.git"));
    assertEquals(Optional.empty(), sent(c, "ssh://git@github.com/o/r.git"));
    assertEquals(Optional.empty(), sent(c, "git@github.com:o/r.git"));
    assertEquals(Optional.empty(), sent(c, "file:///tmp/r.git"));
    // a URL with its own user info keeps it
    assertEquals(Optional.empty(), sent(c, "https://bob:pw@github.com/o/r.git"));
  }

  @Test
  void lockstepGitTokenWinsAndTheServerUrlNamesTheHost() throws Exception {
    GitCredentials c =
        GitCredentials.from(
            Map.of(
                "GITHUB_TOKEN", "t1",
                "LOCKSTEP_GIT_TOKEN", "t2",
                "GITHUB_SERVER_URL", "https://ghe.example.com/"));
    assertEquals("ghe.example.com", c.host());
    assertEquals(Optional.of("t2"), sent(c, "https://ghe.example.com/o/r.git"));
    assertEquals(Optional.empty(), sent(c, "https://github.com/o/r.git"));
    assertEquals(Optional.of("LOCKSTEP_GIT_TOKEN"), c.source());
  }

  @Test
  void lockstepGitHostWinsOverTheServerUrlAndMayNameAPort() throws Exception {
    GitCredentials c =
        GitCredentials.from(
            Map.of(
                "GITHUB_TOKEN", "t1",
                "GITHUB_SERVER_URL", "https://github.com",
                "LOCKSTEP_GIT_HOST", "git.example.com:8443"));
    assertEquals(Optional.of("t1"), sent(c, "https://git.example.com:8443/o/r.git"));
    assertEquals(Optional.empty(), sent(c, "https://git.example.com/o/r.git"));
    assertEquals(Optional.empty(), sent(c, "https://github.com/o/r.git"));
  }

  @Test
  void plainHttpOnlyToLoopback() throws Exception {
    GitCredentials local =
        GitCredentials.from(Map.of("GITHUB_TOKEN", "t", "LOCKSTEP_GIT_HOST", "127.0.0.1"));
    assertEquals(Optional.of("t"), sent(local, "http://127.0.0.1:8080/r.git"));
    GitCredentials remote =
        GitCredentials.from(Map.of("GITHUB_TOKEN", "t", "LOCKSTEP_GIT_HOST", "git.example.com"));
    assertEquals(Optional.empty(), sent(remote, "http://git.example.com/r.git"));
  }

  @Test
  void noTokenSendsNothingAndHintsNeverShowTheToken() throws Exception {
    assertEquals(Optional.empty(), sent(GitCredentials.from(Map.of()), "https://github.com/o/r"));
    assertEquals(
        Optional.empty(),
        sent(GitCredentials.from(Map.of("GITHUB_TOKEN", " ")), "https://github.com/o/r"));
    assertTrue(
        GitCredentials.from(Map.of()).hint("https://github.com/o/r").contains("GITHUB_TOKEN"));
    GitCredentials c = GitCredentials.from(Map.of("GITHUB_TOKEN", "secret-t"));
    for (String url : new String[] {"https://github.com/o/r", "https://gitlab.com/o/r"}) {
      assertFalse(c.hint(url).contains("secret-t"), c.hint(url));
    }
    assertFalse(c.toString().contains("secret-t"));
  }
}
