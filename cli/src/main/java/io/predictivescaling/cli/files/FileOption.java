package io.predictivescaling.cli.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The picocli converters every file or folder option names in its {@code converter} attribute: each turns the text
 * given into a {@link Path} after checking the path is what the option needs, so a bad path fails while the command
 * line is parsed, before the command reads or writes anything (and before slow work it would otherwise lose).
 *
 * <p>A problem is thrown as {@link Problem}, whose message says what is wrong and the fix; Main prints it as one
 * line after the option's name and the path ({@code error: --train data: is a folder, not a file; ...}) and exits
 * with picocli's exit code for invalid input (2, as for every other bad input). Relative paths are resolved against
 * the working folder, which the message names when a path is missing. {@code FileOptionsTest} checks
 * that every {@code Path} option of every command names one of these.
 */
public final class FileOption {
    private FileOption() {}

    /** A path that is not what its option needs; the message is what is wrong and the fix, without the path. */
    public static final class Problem extends TypeConversionException {
        Problem(String message) {
            super(message);
        }
    }

    /** A file the command reads: it exists, is not a folder, can be read and is not empty. */
    public static final class InputFile implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path p = path(value);
            if (Files.isDirectory(p)) {
                throw new Problem("is a folder, not a file; give the file itself" + example(p));
            }
            if (!Files.exists(p)) {
                throw new Problem("no such file; check the path" + relativeTo(p));
            }
            if (!Files.isReadable(p)) {
                throw new Problem("cannot be read (permission denied); fix its permissions (chmod a+r " + value
                        + ") or give a copy you can read");
            }
            if (Files.isRegularFile(p) && size(p) == 0) {
                throw new Problem("is empty (0 bytes); give a file with data (a download or export cut short leaves"
                        + " an empty file: fetch it again)");
            }
            return p;
        }
    }

    /** A folder the command reads files from: it exists, is a folder and can be read. */
    public static final class InputFolder implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path p = path(value);
            if (!Files.exists(p)) {
                throw new Problem("no such folder; check the path" + relativeTo(p));
            }
            if (!Files.isDirectory(p)) {
                throw new Problem("is a file, not a folder; give the folder that holds the files");
            }
            if (!Files.isReadable(p)) {
                throw new Problem("cannot be read (permission denied); fix its permissions (chmod a+rx " + value + ")");
            }
            return p;
        }
    }

    /** A file the command writes (replacing it if there is one): not a folder, in a folder that exists. */
    public static final class OutputFile implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path p = path(value);
            if (Files.isDirectory(p)) {
                throw new Problem("is a folder; give a file name in it (" + p.resolve("NAME") + ")");
            }
            checkFolderOf(p);
            if (Files.exists(p) && !Files.isWritable(p)) {
                throw new Problem("cannot be written (permission denied); give another file name or fix its "
                        + "permissions (chmod u+w " + value + ")");
            }
            return p;
        }
    }

    /** A folder the command writes files into: a folder or nothing yet (it is created), in a folder that exists. */
    public static final class OutputFolder implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            Path p = path(value);
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new Problem("is a file; give a folder (it is created if missing)");
            }
            if (Files.isDirectory(p)) {
                if (!Files.isWritable(p)) {
                    throw new Problem("cannot be written in (permission denied); give another folder");
                }
                return p;
            }
            checkFolderOf(p);
            return p;
        }
    }

    /** The path given; an empty one is refused rather than read as the working folder. */
    private static Path path(String value) {
        if (value.isBlank()) {
            throw new Problem("no path given (an unset shell variable?); give the path after the option");
        }
        return Path.of(value);
    }

    /** The folder an output goes into must exist and take new files: a typo is refused rather than created. */
    private static void checkFolderOf(Path p) {
        Path parent = p.toAbsolutePath().normalize().getParent();
        if (parent == null) {
            return;
        }
        if (!Files.exists(parent)) {
            String shown =
                    p.getParent() == null ? parent.toString() : p.getParent().toString();
            throw new Problem("folder " + shown + " does not exist; create it first (mkdir -p " + shown
                    + ") or give a path in a folder that exists" + relativeTo(p));
        }
        if (!Files.isDirectory(parent)) {
            throw new Problem(parent + " is a file, not a folder; give a path in a folder");
        }
        if (!Files.isWritable(parent)) {
            throw new Problem("cannot write in folder " + parent + " (permission denied); give a path in a folder "
                    + "you can write to");
        }
    }

    /**
     * ", e.g. FOLDER/FILE" when the folder holds a file, so the fix can be copied: a data file (.csv, .gz, .ics,
     * .json) before a note such as SOURCE.md.
     */
    private static String example(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .min(Comparator.comparing(
                                    (Path f) -> !f.getFileName().toString().matches(".*\\.(csv|gz|ics|json)"))
                            .thenComparing(Comparator.naturalOrder()))
                    .map(f -> " in it, e.g. " + f)
                    .orElse(", not its folder (this one holds no files)");
        } catch (IOException | RuntimeException e) {
            return ", not its folder";
        }
    }

    /** Where a relative path starts, since a wrong working folder is the usual reason it is not found. */
    private static String relativeTo(Path p) {
        return p.isAbsolute() ? "" : " (relative to " + Path.of("").toAbsolutePath() + ")";
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
