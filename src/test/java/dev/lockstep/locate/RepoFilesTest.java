package dev.lockstep.locate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a locator may read: inside the repo, text, UTF-8, and not huge. */
class RepoFilesTest {
  @TempDir Path dir;
  private Path repo;
  private RepoFiles files;

  @BeforeEach
  void setUp() throws IOException {
    repo = Files.createDirectories(dir.resolve("repo"));
    files = new RepoFiles(repo);
  }

  private LocateException.Reason refused(String path) {
    return assertThrows(LocateException.class, () -> files.read(path)).reason();
  }

  @Test
  void readsATextFileOnce() throws Exception {
    Files.createDirectories(repo.resolve("chart"));
    Files.writeString(repo.resolve("chart/values.yaml"), "tag: 1.2.3\n");
    TextFile t = files.read("chart/values.yaml");
    assertEquals("tag: 1.2.3\n", t.text());
    assertEquals("chart/values.yaml", t.path());
    assertSame(t, files.read("chart/values.yaml"));
  }

  @Test
  void dotDotThatStaysInsideIsFine() throws Exception {
    Files.createDirectories(repo.resolve("a"));
    Files.writeString(repo.resolve("b.txt"), "x");
    assertEquals("x", files.read("a/../b.txt").text());
  }

  @Test
  void missingFile() {
    assertEquals(LocateException.Reason.FILE_MISSING, refused("nope.txt"));
  }

  @Test
  void dotDotLeavingTheRepo() throws IOException {
    Files.writeString(dir.resolve("outside.txt"), "V=1\n");
    assertEquals(LocateException.Reason.PATH_ESCAPE, refused("../outside.txt"));
    assertEquals(LocateException.Reason.PATH_ESCAPE, refused("a/../../outside.txt"));
  }

  @Test
  void absolutePath() throws IOException {
    Path outside = Files.writeString(dir.resolve("outside.txt"), "V=1\n");
    assertEquals(LocateException.Reason.PATH_ESCAPE, refused(outside.toString()));
  }

  @Test
  void symlinkLeavingTheRepo() throws IOException {
    Path outside = Files.writeString(dir.resolve("outside.txt"), "V=1\n");
    Files.createSymbolicLink(repo.resolve("link.txt"), outside);
    assertEquals(LocateException.Reason.PATH_ESCAPE, refused("link.txt"));
  }

  @Test
  void symlinkedFolderLeavingTheRepo() throws IOException {
    Path outside = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(outside.resolve("v.txt"), "V=1\n");
    Files.createSymbolicLink(repo.resolve("docs"), outside);
    assertEquals(LocateException.Reason.PATH_ESCAPE, refused("docs/v.txt"));
  }

  @Test
  void symlinkInsideTheRepoIsFollowed() throws Exception {
    Files.writeString(repo.resolve("real.txt"), "V=1\n");
    Files.createSymbolicLink(repo.resolve("link.txt"), Path.of("real.txt"));
    assertEquals("V=1\n", files.read("link.txt").text());
  }

  @Test
  void repoReachedThroughASymlinkStillReadsItsFiles() throws Exception {
    Files.writeString(repo.resolve("v.txt"), "V=1\n");
    Path alias = Files.createSymbolicLink(dir.resolve("alias"), repo);
    assertEquals("V=1\n", new RepoFiles(alias).read("v.txt").text());
  }

  @Test
  void danglingSymlink() throws IOException {
    Files.createSymbolicLink(repo.resolve("dangling.txt"), Path.of("gone.txt"));
    assertEquals(LocateException.Reason.FILE_MISSING, refused("dangling.txt"));
  }

  @Test
  void folder() throws IOException {
    Files.createDirectories(repo.resolve("chart"));
    assertEquals(LocateException.Reason.NOT_A_FILE, refused("chart"));
  }

  @Test
  void binaryFile() throws IOException {
    Files.write(repo.resolve("tool"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 0, 1});
    assertEquals(LocateException.Reason.BINARY, refused("tool"));
  }

  @Test
  void hugeFile() throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(repo.resolve("huge.txt").toFile(), "rw")) {
      f.setLength(RepoFiles.MAX_BYTES + 1);
    }
    LocateException e = assertThrows(LocateException.class, () -> files.read("huge.txt"));
    assertEquals(LocateException.Reason.HUGE, e.reason());
    assertTrue(e.getMessage().contains("huge.txt"), e.getMessage());
  }

  @Test
  void fileOfExactlyTheLimitIsRead() throws Exception {
    Path p = repo.resolve("big.txt");
    Files.write(
        p,
        "a".repeat((int) RepoFiles.MAX_BYTES).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(RepoFiles.MAX_BYTES, files.read("big.txt").text().length());
  }

  @Test
  void notUtf8() throws IOException {
    Files.write(repo.resolve("latin1.txt"), new byte[] {'V', '=', (byte) 0xE9, '\n'});
    assertEquals(LocateException.Reason.NOT_UTF8, refused("latin1.txt"));
  }

  /** The fast decode accepts exactly what the strict decoder accepts, with the same text. */
  @Test
  void utf8IsStrict() throws Exception {
    java.util.Random random = new java.util.Random(9);
    byte[][] pieces = {
      "a".getBytes(java.nio.charset.StandardCharsets.UTF_8),
      "é".getBytes(java.nio.charset.StandardCharsets.UTF_8),
      "\uFFFD".getBytes(java.nio.charset.StandardCharsets.UTF_8),
      "😀".getBytes(java.nio.charset.StandardCharsets.UTF_8),
      {(byte) 0xff},
      {(byte) 0xc0, (byte) 0x80}, // overlong NUL
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // an encoded surrogate
      {(byte) 0xe2, (byte) 0x82}, // cut short
      {(byte) 0x80}
    };
    var strict =
        java.nio.charset.StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    int valid = 0;
    for (int i = 0; i < 3000; i++) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      for (int k = random.nextInt(6); k >= 0; k--) {
        out.write(pieces[random.nextInt(random.nextInt(3) == 0 ? pieces.length : 4)]);
      }
      byte[] bytes = out.toByteArray();
      String expected;
      try {
        expected = strict.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        valid++;
      } catch (java.nio.charset.CharacterCodingException e) {
        expected = null;
      }
      assertEquals(expected, RepoFiles.utf8(bytes), java.util.Arrays.toString(bytes));
    }
    assertTrue(valid > 500 && valid < 2900, valid + " valid");
  }
}
