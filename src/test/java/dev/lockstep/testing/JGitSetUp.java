package dev.lockstep.testing;

import dev.lockstep.gitrepo.GitRepo;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * lockstep's JGit set-up ({@link GitRepo#init}) before any test class runs, registered for all of
 * them (junit-platform.properties). A test that makes a repo with JGit before lockstep has opened
 * one would otherwise run JGit as lockstep never does: on a fresh machine, JGit would spend 3 s
 * measuring the file system and write the result into the home folder.
 */
public final class JGitSetUp implements BeforeAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) {
    GitRepo.init();
  }
}
