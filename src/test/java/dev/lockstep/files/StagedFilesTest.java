package dev.lockstep.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One staged write of several files, and what the next run does with a killed one. */
class StagedFilesTest {
  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private StagedFiles.Change change(Path file, String before, String after) {
    return new StagedFiles.Change(StagedFiles.stagingDirOf(dir), file, b(before), b(after));
  }

  @Test
  void linksModesAndSymlinksAreKeptAndNothingIsLeft() throws Exception {
    Path linked = dir.resolve("linked.yaml");
    Path secret = dir.resolve("secret.yaml");
    Path viaLink = dir.resolve("via-link.yaml");
    Files.writeString(linked, "tag: 1\n");
    Files.createLink(dir.resolve("other-name.yaml"), linked);
    Files.writeString(secret, "tag: 1\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(dir.resolve("real.yaml"), "tag: 1\n");
    Files.createSymbolicLink(viaLink, Path.of("real.yaml"));
    List<String> steps = new java.util.ArrayList<>();
    StagedFiles.write(
        List.of(
            change(linked, "tag: 1\n", "tag: 2\n"),
            change(secret, "tag: 1\n", "tag: 2\n"),
            change(viaLink, "tag: 1\n", "tag: 2\n")),
        steps::add);
    assertEquals("tag: 2\n", Files.readString(dir.resolve("other-name.yaml")));
    assertTrue(Files.isSameFile(linked, dir.resolve("other-name.yaml")));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
    assertTrue(Files.isSymbolicLink(viaLink));
    assertEquals("tag: 2\n", Files.readString(dir.resolve("real.yaml")));
    assertFalse(Files.exists(dir.resolve(".lockstep-staging")), "staging folder left behind");
    assertEquals(
        List.of(
            "staging 1/3: linked.yaml",
            "staging 2/3: secret.yaml",
            "staging 3/3: real.yaml",
            "staged 3 file(s)",
            "wrote 1/3: linked.yaml",
            "wrote 2/3: secret.yaml",
            "wrote 3/3: real.yaml"),
        steps);
  }

  @Test
  void aCommittedRunIsCompletedButAFileEditedSinceIsLeftAlone() throws Exception {
    Path staging = StagedFiles.stagingDirOf(dir);
    Path a = dir.resolve("a.yaml");
    Path edited = dir.resolve("edited.yaml");
    Files.writeString(a, "old\n");
    Files.writeString(edited, "edited by hand\n");
    Path run = Files.createDirectories(staging.resolve("run-1"));
    Files.writeString(run.resolve("0000"), "new\n");
    Files.writeString(run.resolve("0001"), "new\n");
    String old = StagedFiles.sha256(b("old\n"));
    String neu = StagedFiles.sha256(b("new\n"));
    StagedFiles.writeJournal(
        staging.resolve("run-1" + StagedFiles.JOURNAL),
        true,
        List.of(
            new StagedFiles.Entry(StagedFiles.Mode.RENAME, run.resolve("0000"), a, old, neu),
            new StagedFiles.Entry(StagedFiles.Mode.RENAME, run.resolve("0001"), edited, old, neu)));
    List<String> report = StagedFiles.recover(List.of(staging));
    assertEquals(1, report.size(), report::toString);
    assertTrue(
        report.get(0).startsWith("completed an interrupted write of 2 file(s)"), report::toString);
    assertTrue(report.get(0).contains("edited.yaml"), report::toString);
    assertEquals("new\n", Files.readString(a));
    assertEquals("edited by hand\n", Files.readString(edited));
    assertFalse(Files.exists(staging));
  }

  @Test
  void anUncommittedRunAndStrayFilesAreDeleted() throws Exception {
    Path staging = StagedFiles.stagingDirOf(dir);
    Path a = dir.resolve("a.yaml");
    Files.writeString(a, "old\n");
    Path run = Files.createDirectories(staging.resolve("run-2"));
    Files.writeString(run.resolve("0000"), "new\n");
    Files.writeString(staging.resolve(".run-3.journal.123.lockstep-tmp"), "half");
    Files.createDirectories(staging.resolve("run-4")).resolve("0000").toFile().createNewFile();
    StagedFiles.writeJournal(
        staging.resolve("run-2" + StagedFiles.JOURNAL),
        false,
        List.of(new StagedFiles.Entry(StagedFiles.Mode.RENAME, run.resolve("0000"), a, "x", "y")));
    List<String> report = StagedFiles.recover(List.of(staging));
    assertEquals(1, report.size(), report::toString);
    assertTrue(report.get(0).startsWith("discarded an interrupted write"), report::toString);
    assertEquals("old\n", Files.readString(a));
    assertFalse(Files.exists(staging), "left: " + staging);
  }

  @Test
  void aStagingFolderInUseIsRefusedAndLeftAlone() throws Exception {
    Path staging = Files.createDirectories(StagedFiles.stagingDirOf(dir));
    Path a = dir.resolve("a.yaml");
    Files.writeString(a, "old\n");
    Files.writeString(staging.resolve("stray"), "x");
    try (FileChannel ch =
            FileChannel.open(
                staging.resolve(StagedFiles.LOCK),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      assertThrows(
          StagedFiles.BusyException.class,
          () -> StagedFiles.write(List.of(change(a, "old\n", "new\n")), StagedFiles.Progress.NONE));
      assertEquals(List.of(), StagedFiles.recover(List.of(staging)));
      assertTrue(Files.exists(staging.resolve("stray")));
    }
    assertEquals("old\n", Files.readString(a));
  }

  @Test
  void aGitFolderHoldsTheStagingFolder() throws Exception {
    Files.createDirectories(dir.resolve("repo/.git"));
    assertEquals(
        dir.resolve("repo/.git/lockstep-staging"), StagedFiles.stagingDirOf(dir.resolve("repo")));
    Files.createDirectories(dir.resolve("main/.git/worktrees/wt"));
    Files.createDirectories(dir.resolve("wt"));
    Files.writeString(dir.resolve("wt/.git"), "gitdir: ../main/.git/worktrees/wt\n");
    assertEquals(
        dir.resolve("main/.git/worktrees/wt/lockstep-staging"),
        StagedFiles.stagingDirOf(dir.resolve("wt")));
    assertEquals(
        dir.resolve("plain/.lockstep-staging"), StagedFiles.stagingDirOf(dir.resolve("plain")));
  }
}
