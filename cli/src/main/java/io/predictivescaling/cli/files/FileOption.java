package io.predictivescaling.cli.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
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
                throw new Problem("no such file; " + brokenLink(p).orElse("check the path" + relativeTo(p)));
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
                throw new Problem("no such folder; " + brokenLink(p).orElse("check the path" + relativeTo(p)));
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
            if (Files.exists(p) && Files.isWritable(p)) {
                // A file that takes writes (an earlier output, /dev/null, /dev/stdout) needs nothing of its folder:
                // /dev itself is read-only to everyone but root.
                return p;
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

    /**
     * A file one option reads that another option of the same command would write over, or two outputs naming one
     * file ({@code trends --trace t.csv
     * --out t.csv} replaced the trace with its firings), as the one line to print; empty when there is none. Each
     * option's value (given or default) is compared by {@link Files#isSameFile}, so a relative path, a symlink and an
     * absolute path to the same file are the same; an output that does not exist yet cannot be an input.
     *
     * @param command the command as parsed, after every option's converter accepted its path
     */
    public static java.util.Optional<String> outputOverInput(CommandSpec command) {
        List<Map.Entry<String, Path>> inputs = new ArrayList<>();
        List<Map.Entry<String, Path>> outputs = new ArrayList<>();
        List<String> written = command.userObject() instanceof WritesInto w ? w.filesWritten() : List.of();
        for (ArgSpec arg : command.args()) {
            for (ITypeConverter<?> converter : arg.converters()) {
                String name = arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
                if (converter instanceof InputFile) {
                    paths(arg.getValue()).forEach(path -> inputs.add(Map.entry(name, path)));
                } else if (converter instanceof OutputFile) {
                    paths(arg.getValue()).forEach(path -> {
                        outputs.add(Map.entry(name, target(path)));
                        // forecast-m4 --out f.csv also writes f-q0.1.csv and the other quantiles beside it.
                        if (command.userObject() instanceof WritesBeside beside) {
                            beside.alsoWritten(path)
                                    .forEach(file ->
                                            outputs.add(Map.entry(name + " (its " + file.getFileName() + ")", file)));
                        }
                    });
                } else if (converter instanceof OutputFolder) {
                    // backtest --out d writes d/timeline.csv and the rest: each is an output like a file option's.
                    paths(arg.getValue())
                            .forEach(folder -> written.forEach(file ->
                                    outputs.add(Map.entry(name + " (its " + file + ")", folder.resolve(file)))));
                }
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            for (int j = i + 1; j < outputs.size(); j++) {
                Map.Entry<String, Path> a = outputs.get(i);
                Map.Entry<String, Path> b = outputs.get(j);
                if (sameOutput(a.getValue(), b.getValue())) {
                    // split-m4 --out-train a.csv --out-test a.csv wrote the test half over the training half.
                    return java.util.Optional.of(b.getKey() + " " + b.getValue() + ": is also the output " + a.getKey()
                            + " " + a.getValue() + ", so one would be written over the other; give each output its"
                            + " own file name");
                }
            }
        }
        for (Map.Entry<String, Path> out : outputs) {
            for (Map.Entry<String, Path> in : inputs) {
                if (sameFile(out.getValue(), in.getValue())) {
                    return java.util.Optional.of(out.getKey() + " " + out.getValue() + ": is also the input "
                            + in.getKey() + " " + in.getValue() + " and would be written over; give the output "
                            + "another file name");
                }
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * A command whose output folder option ({@link OutputFolder}) gets files of fixed names, so {@link
     * #outputOverInput} can refuse a run that would write one of them over an input.
     */
    public interface WritesInto {
        /** The names of the files the command writes into its output folder, e.g. {@code timeline.csv}. */
        List<String> filesWritten();
    }

    /**
     * A command that writes more files beside its output file ({@link OutputFile}), so {@link #outputOverInput} can
     * refuse a run that would write one of them over an input.
     */
    public interface WritesBeside {
        /** The other files written for output file {@code out}, e.g. {@code f-q0.1.csv} beside {@code f.csv}. */
        List<Path> alsoWritten(Path out);
    }

    /** Where an output lands: a link that points nowhere yet is written through, to its target. */
    private static Path target(Path p) {
        try {
            if (Files.isSymbolicLink(p) && !Files.exists(p)) {
                Path parent = p.toAbsolutePath().getParent();
                return parent.resolve(Files.readSymbolicLink(p));
            }
        } catch (IOException | RuntimeException e) {
            // compared as given
        }
        return p;
    }

    private static List<Path> paths(Object value) {
        if (value instanceof Path p) {
            return List.of(p);
        }
        if (value instanceof Collection<?> many) {
            return many.stream()
                    .filter(Path.class::isInstance)
                    .map(Path.class::cast)
                    .toList();
        }
        if (value instanceof Path[] many) {
            return List.of(many);
        }
        return List.of();
    }

    /** Two outputs are the same when they name one file, whether or not it exists yet (devices excepted). */
    private static boolean sameOutput(Path a, Path b) {
        if (Files.exists(a) && Files.exists(b)) {
            return sameFile(a, b);
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && !isDevice(a) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** /dev/null and /dev/stdout may be named twice without harm. */
    private static boolean isDevice(Path p) {
        return !Files.isRegularFile(p);
    }

    /** The path given; an empty one is refused rather than read as the working folder. */
    private static Path path(String value) {
        if (value.isBlank()) {
            throw new Problem("no path given (an unset shell variable?); give the path after the option");
        }
        if (value.equals("-")) {
            throw new Problem(
                    "standard input and output are not supported here; save the data to a file and give " + "its path");
        }
        if ((value.equals("~") || value.startsWith("~/")) && !Files.exists(Path.of("~"))) {
            // The shell expands ~ only at the start of a word, so --out=~/x.csv reaches us as it was typed.
            throw new Problem("starts with ~, which the shell did not expand (it does not after '='); write the "
                    + "option and the path apart (--option ~/...) or use $HOME/"
                    + value.substring(Math.min(2, value.length())));
        }
        return Path.of(value);
    }

    /** The folder an output goes into must exist and take new files: a typo is refused rather than created. */
    private static void checkFolderOf(Path p) {
        // Not normalised: the system resolves "missing/.." only if "missing" exists, and so must this check.
        Path parent = p.toAbsolutePath().getParent();
        if (parent == null) {
            return;
        }
        if (!Files.exists(parent)) {
            String shown = firstMissing(p.getParent() == null ? parent : p.getParent());
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

    /**
     * "PART is a link to TARGET, which does not exist; ..." when a link on the way to {@code p} points nowhere (a
     * {@code ln -s} made from the wrong folder), since "check the path" would send the user to a path that looks
     * right.
     */
    private static java.util.Optional<String> brokenLink(Path p) {
        Path so = p.isAbsolute() ? p.getRoot() : Path.of("");
        for (Path part : p) {
            so = so.resolve(part);
            if (Files.isSymbolicLink(so) && !Files.exists(so)) {
                try {
                    return java.util.Optional.of(so + " is a link to " + Files.readSymbolicLink(so)
                            + ", which does not exist; make the link again to where the files are (ln -sfn TARGET "
                            + so + ")");
                } catch (IOException e) {
                    return java.util.Optional.empty();
                }
            }
            if (!Files.exists(so, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.empty();
    }

    /** The first folder along {@code folder} that does not exist ("nodir" in "nodir/.."), as given. */
    private static String firstMissing(Path folder) {
        Path so = folder.isAbsolute() ? folder.getRoot() : Path.of("");
        for (Path part : folder) {
            so = so.resolve(part);
            if (!Files.exists(so)) {
                return so.toString();
            }
        }
        return folder.toString();
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
