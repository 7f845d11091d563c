package dev.lockstep.gitrepo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileStore;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.eclipse.jgit.util.FS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreConfigTest {
  @TempDir Path tmp;

  @Test
  void jgitTakesTheFallbackResolutionForAFolderWithoutMeasuringIt() throws Exception {
    GitRepo.init();
    // a key JGit did not find would make it measure: microseconds, and probe files in tmp
    assertEquals(
        FS.FileStoreAttributes.FALLBACK_TIMESTAMP_RESOLUTION,
        FS.FileStoreAttributes.get(tmp).getFsTimestampResolution());
  }

  @Test
  void mountSourcesAreTheFirstFieldsWithTheKernelsEscapesDecoded() {
    String table =
        "/dev/vda / ext4 rw,relatime 0 0\n"
            + "tmpfs /tmp tmpfs rw 0 0\n"
            + "//nas/my\\040share /mnt/share cifs rw 0 0\n"
            + "back\\134slash /mnt/b ext4 rw 0 0\n"
            + "not\\09octal /mnt/c ext4 rw 0 0\n"
            + "\n";
    assertEquals(
        Set.of("/dev/vda", "tmpfs", "//nas/my share", "back\\slash", "not\\09octal"),
        FileStoreConfig.mountSources(table));
  }

  @Test
  void onLinuxTheMountTableNamesEveryStoreTheJdkDoes() throws Exception {
    Path mounts = Path.of("/proc/self/mounts");
    assumeTrue(Files.isReadable(mounts), "not Linux: keys() asks the JDK for its stores itself");
    Set<String> sources = FileStoreConfig.mountSources(Files.readString(mounts));
    for (FileStore store : FileSystems.getDefault().getFileStores()) {
      assertTrue(sources.contains(store.name()), store.name() + " is not in " + sources);
    }
  }
}
