package dev.lockstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.DataInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * picocli is compiled from its sources with ours (pom.xml): its released class files are Java 5,
 * which a class-data-sharing archive cannot hold verified, so every start verified them again.
 */
class PicocliClassFilesTest {
  private static int major(Class<?> c) throws Exception {
    String resource = c.getName().replace('.', '/') + ".class";
    try (InputStream in = c.getClassLoader().getResourceAsStream(resource)) {
      assertNotNull(in, resource);
      DataInputStream data = new DataInputStream(in);
      assertEquals(0xCAFEBABE, data.readInt(), resource);
      data.readUnsignedShort(); // minor
      return data.readUnsignedShort();
    }
  }

  @Test
  void picocliIsJava17ClassFiles() throws Exception {
    assertEquals(61, major(CommandLine.class));
    assertEquals(61, major(CommandLine.Model.CommandSpec.class));
    assertEquals(61, major(AutoComplete.GenerateCompletion.class));
  }
}
