package dev.lockstep.oci;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads gzipped tar archives (charts, image layers) through commons-compress: ustar, pax and GNU
 * long names. Regular files and directories only; any other entry type is refused.
 */
public final class TarArchive {

  private TarArchive() {}

  /**
   * A file (content non-null) or a directory (content null) at a '/'-separated path without leading
   * '/' or './'.
   */
  public record Entry(String path, boolean executable, byte[] content) {
    public Entry {
      Objects.requireNonNull(path, "path");
    }

    public boolean isDirectory() {
      return content == null;
    }
  }

  /** Every entry of a gzipped tar, in archive order. */
  public static List<Entry> read(InputStream gzipped) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (TarArchiveInputStream in = open(gzipped)) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (!isFileOrDirectory(e)) {
          throw new IOException("unsupported tar entry type for " + e.getName());
        }
        byte[] data = e.isDirectory() ? null : content(in, e, Long.MAX_VALUE);
        entries.add(new Entry(clean(e.getName()), (e.getMode() & 0111) != 0, data));
      }
    }
    return entries;
  }

  /**
   * The bytes of the regular file at {@code depth}-part path whose last part is {@code name}
   * ({@code CHART/Chart.yaml} is depth 2), reading no further than needed.
   *
   * @throws IOException the archive has no such file, or it is larger than {@code maxBytes}
   */
  public static byte[] find(InputStream gzipped, int depth, String name, long maxBytes)
      throws IOException {
    try (TarArchiveInputStream in = open(gzipped)) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        String[] parts = clean(e.getName()).split("/");
        if (isFileOrDirectory(e)
            && !e.isDirectory()
            && parts.length == depth
            && parts[depth - 1].equals(name)) {
          return content(in, e, maxBytes);
        }
      }
    }
    throw new IOException("the archive has no " + name + " at depth " + depth);
  }

  private static boolean isFileOrDirectory(TarArchiveEntry e) {
    boolean special =
        e.isSymbolicLink()
            || e.isLink()
            || e.isCharacterDevice()
            || e.isBlockDevice()
            || e.isFIFO()
            || e.isSparse();
    return !special && (e.isFile() || e.isDirectory());
  }

  private static TarArchiveInputStream open(InputStream gzipped) throws IOException {
    return new TarArchiveInputStream(new GZIPInputStream(gzipped));
  }

  private static byte[] content(TarArchiveInputStream in, TarArchiveEntry e, long max)
      throws IOException {
    long size = e.getSize();
    if (size > max || size > Integer.MAX_VALUE - 8) {
      throw new IOException(e.getName() + " in the archive is " + size + " bytes");
    }
    byte[] data = in.readNBytes((int) size);
    if (data.length != size) {
      throw new EOFException("the archive is truncated in " + e.getName());
    }
    return data;
  }

  private static String clean(String path) {
    return path.replaceFirst("^(\\./)+", "").replaceFirst("/+$", "");
  }
}
