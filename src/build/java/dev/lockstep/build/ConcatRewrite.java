package dev.lockstep.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * A build step, run on the packaged jar: every string concatenation compiled as {@code
 * invokedynamic} (javac's default since 9; JGit's classes are built so) becomes the StringBuilder
 * code javac emits with {@code -XDstringConcat=inline}, as lockstep's own and picocli's classes are
 * compiled. The JVM links each such call site on first use by spinning method handles and
 * generating classes, which the class-data-sharing archive cannot hold: in a verify of a
 * KubeStellar-sized workspace, JGit's few sites cost about 25 ms of CPU and 33 generated classes,
 * on every run.
 *
 * <p>The result is the same string: the recipe's constants are folded in, each argument is
 * appended in order with the append overload javac picks for its type, and every other reference
 * (arrays too) by {@code append(Object)}, which is {@code String.valueOf}, as the JDK's
 * concatenation does. The arguments already on the stack are first stored into fresh locals past
 * the method's own, so no stack map frame changes.
 *
 * <p>Usage: {@code java -cp ASM_JARS ConcatRewrite.java JAR}; the jar is replaced only when a call
 * site was rewritten, through a temporary file beside it.
 */
public final class ConcatRewrite {

  private static final String FACTORY = "java/lang/invoke/StringConcatFactory";
  private static final String SB = "java/lang/StringBuilder";
  private static final char ARG = '\u0001';
  private static final char CONST = '\u0002';

  private ConcatRewrite() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ConcatRewrite JAR");
      System.exit(2);
    }
    Path jar = Path.of(args[0]);
    Path tmp = jar.resolveSibling(jar.getFileName() + ".rewrite");
    int sites = 0;
    int classes = 0;
    try (ZipFile in = new ZipFile(jar.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
      for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        byte[] bytes;
        try (InputStream s = in.getInputStream(entry)) {
          bytes = s.readAllBytes();
        }
        if (entry.getName().endsWith(".class")) {
          Rewritten r = rewrite(bytes);
          if (r.sites() > 0) {
            bytes = r.bytes();
            sites += r.sites();
            classes++;
          }
        }
        copy(entry, bytes, out);
      }
    }
    if (sites == 0) {
      Files.delete(tmp);
      System.out.println("lockstep build: no invokedynamic string concatenation in " + jar);
      return;
    }
    Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.out.println(
        "lockstep build: "
            + sites
            + " invokedynamic string concatenations in "
            + classes
            + " classes of "
            + jar.getFileName()
            + " now use StringBuilder");
  }

  /** A class's bytes after the rewrite, and how many call sites it rewrote. */
  public record Rewritten(byte[] bytes, int sites) {}

  /** Rewrites one class file; {@code sites} is 0 (and the bytes are the input) if it had none. */
  public static Rewritten rewrite(byte[] classFile) {
    ClassNode cn = new ClassNode();
    new ClassReader(classFile).accept(cn, 0);
    int sites = 0;
    for (MethodNode m : cn.methods) {
      for (AbstractInsnNode insn : m.instructions.toArray()) {
        if (insn instanceof InvokeDynamicInsnNode indy && indy.bsm.getOwner().equals(FACTORY)) {
          m.instructions.insert(insn, inline(indy, m));
          m.instructions.remove(insn);
          sites++;
        }
      }
    }
    if (sites == 0) {
      return new Rewritten(classFile, 0);
    }
    // COMPUTE_MAXS only: the new code has no branch, so the frames read are still the frames
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cn.accept(cw);
    return new Rewritten(cw.toByteArray(), sites);
  }

  private static InsnList inline(InvokeDynamicInsnNode indy, MethodNode m) {
    Type[] types = Type.getArgumentTypes(indy.desc);
    // makeConcat has no recipe: every argument, in order
    String recipe =
        indy.name.equals("makeConcatWithConstants")
            ? (String) indy.bsmArgs[0]
            : String.valueOf(ARG).repeat(types.length);
    int[] local = new int[types.length];
    int next = m.maxLocals;
    for (int i = 0; i < types.length; i++) {
      local[i] = next;
      next += types[i].getSize();
    }
    m.maxLocals = next;

    InsnList code = new InsnList();
    for (int i = types.length - 1; i >= 0; i--) {
      code.add(new VarInsnNode(types[i].getOpcode(Opcodes.ISTORE), local[i]));
    }
    code.add(new TypeInsnNode(Opcodes.NEW, SB));
    code.add(new InsnNode(Opcodes.DUP));
    code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, SB, "<init>", "()V", false));
    StringBuilder text = new StringBuilder();
    int arg = 0;
    int constant = 1;
    for (int i = 0; i < recipe.length(); i++) {
      char c = recipe.charAt(i);
      if (c == CONST) {
        text.append(indy.bsmArgs[constant++]);
      } else if (c != ARG) {
        text.append(c);
      } else {
        flush(text, code);
        code.add(new VarInsnNode(types[arg].getOpcode(Opcodes.ILOAD), local[arg]));
        code.add(append(appendType(types[arg])));
        arg++;
      }
    }
    flush(text, code);
    code.add(
        new MethodInsnNode(
            Opcodes.INVOKEVIRTUAL, SB, "toString", "()Ljava/lang/String;", false));
    return code;
  }

  private static void flush(StringBuilder text, InsnList code) {
    if (text.length() > 0) {
      code.add(new LdcInsnNode(text.toString()));
      code.add(append("Ljava/lang/String;"));
      text.setLength(0);
    }
  }

  /** The append overload javac's inline strategy calls for a value of this type. */
  private static String appendType(Type t) {
    return switch (t.getSort()) {
      case Type.BOOLEAN -> "Z";
      case Type.CHAR -> "C";
      case Type.BYTE, Type.SHORT, Type.INT -> "I";
      case Type.LONG -> "J";
      case Type.FLOAT -> "F";
      case Type.DOUBLE -> "D";
      default -> t.getDescriptor().equals("Ljava/lang/String;")
          ? "Ljava/lang/String;"
          : "Ljava/lang/Object;";
    };
  }

  private static MethodInsnNode append(String type) {
    return new MethodInsnNode(
        Opcodes.INVOKEVIRTUAL, SB, "append", "(" + type + ")L" + SB + ";", false);
  }

  /** Writes an entry as it was: its name, time and extra field, stored entries stored. */
  private static void copy(ZipEntry from, byte[] bytes, ZipOutputStream out) throws IOException {
    ZipEntry to = new ZipEntry(from.getName());
    to.setTime(from.getTime());
    to.setExtra(from.getExtra());
    if (from.getMethod() == ZipEntry.STORED) {
      CRC32 crc = new CRC32();
      crc.update(bytes);
      to.setMethod(ZipEntry.STORED);
      to.setSize(bytes.length);
      to.setCompressedSize(bytes.length);
      to.setCrc(crc.getValue());
    }
    out.putNextEntry(to);
    out.write(bytes);
    out.closeEntry();
  }
}
