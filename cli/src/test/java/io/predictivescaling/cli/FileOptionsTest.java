package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.cli.files.FileOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Every file or folder option of every command, given a path that cannot be what it needs (a folder for a file, a
 * missing, unreadable or empty input, an output whose folder does not exist or cannot be written): one line naming
 * the option, the path, what is wrong and the fix, no stack trace, exit 2 (as for any bad input). The options are
 * found by walking the command line, so a new command's file option is checked without being listed here.
 */
class FileOptionsTest {
    @TempDir
    Path dir;

    /** A file or folder option: its command's name, the option (or positional parameter) and what it must be. */
    private record FileArg(String command, ArgSpec arg, Class<?> kind) {
        String name() {
            return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
        }

        /** The command line with {@code value} for this option (earlier positional parameters get a placeholder). */
        String[] with(String value) {
            List<String> argv = new ArrayList<>(List.of(command));
            if (arg instanceof PositionalParamSpec p) {
                for (int i = 0; i < p.index().min(); i++) {
                    argv.add("x");
                }
                argv.add(value);
            } else {
                argv.addAll(List.of(name(), value));
            }
            return argv.toArray(String[]::new);
        }

        @Override
        public String toString() {
            return command + " " + name();
        }
    }

    /** Every option or positional parameter of every command whose values are paths. */
    private static List<FileArg> fileArgs() {
        List<FileArg> found = new ArrayList<>();
        CommandLine root = new CommandLine(new Main());
        root.getSubcommands().forEach((name, sub) -> {
            for (ArgSpec arg : sub.getCommandSpec().args()) {
                boolean pathValued = arg.type() == Path.class
                        || Arrays.asList(arg.auxiliaryTypes()).contains(Path.class)
                        || arg.type() == java.io.File.class;
                if (pathValued) {
                    Class<?> kind = arg.converters().length == 1 ? arg.converters()[0].getClass() : null;
                    found.add(new FileArg(name, arg, kind));
                }
            }
        });
        return found;
    }

    @Test
    void everyPathOptionOfEveryCommandSaysWhetherItIsAnInputOrOutputFileOrFolder() {
        List<FileArg> args = fileArgs();

        assertThat(args)
                .as("the commands named in the issue are found")
                .extracting(FileArg::toString)
                .contains(
                        "train --train",
                        "train --out",
                        "forecast-m4 --train",
                        "score-m4 --forecasts",
                        "split-m4 --out-test",
                        "backtest --trace",
                        "bound --trace",
                        "backtest-m4 --train",
                        "trends --trace",
                        "invoke EVENT_FILE");
        assertThat(args)
                .allSatisfy(a -> assertThat(a.kind())
                        .as(a + " names a FileOption converter")
                        .isIn(
                                FileOption.InputFile.class,
                                FileOption.InputFolder.class,
                                FileOption.OutputFile.class,
                                FileOption.OutputFolder.class));
    }

    @Test
    void trainGivenAFolderNamesTheOptionTheFolderAndAFileInItToGiveInstead() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("m4"));
        Files.writeString(folder.resolve("SOURCE.md"), "where it came from");
        Files.writeString(folder.resolve("Hourly-train.csv"), "\"V1\",\"V2\"\n\"H1\",\"1\"\n");

        CliRun run = CliRun.of(
                "train",
                "--train",
                folder.toString(),
                "--out",
                dir.resolve("m.csv").toString());

        assertOneLine(
                run, "--train " + folder + ": is a folder, not a file", "e.g. " + folder.resolve("Hourly-train.csv"));
        assertThat(dir.resolve("m.csv")).doesNotExist();
    }

    @TestFactory
    Stream<DynamicTest> everyFileOptionRefusesEachKindOfBadPathInOneLineWithTheFix() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        Files.writeString(folder.resolve("load.csv"), "timestamp,value\n");
        Path empty = Files.createFile(dir.resolve("empty.csv"));
        Path missing = dir.resolve("nope.csv");
        Path unreadable = unreadableFile();
        Path unwritableFolder = unwritableFolder();
        List<DynamicTest> tests = new ArrayList<>();
        for (FileArg a : fileArgs()) {
            // An unset shell variable gives "": not the working folder (backtest --out "" wrote into it).
            tests.add(DynamicTest.dynamicTest(a + " given an empty path", () -> {
                CliRun run = CliRun.of(a.with(""));

                assertOneLine(run, a.name() + " '': no path given", "give the path after the option");
            }));
            if (a.kind() == FileOption.InputFile.class) {
                tests.add(test(a, "a folder", folder, "is a folder, not a file", "e.g. " + folder.resolve("load.csv")));
                tests.add(test(a, "a missing file", missing, "no such file", "check the path"));
                tests.add(test(a, "an unreadable file", unreadable, "cannot be read (permission denied)", "chmod"));
                tests.add(test(a, "an empty file", empty, "is empty (0 bytes)", "give a file with data"));
            } else if (a.kind() == FileOption.InputFolder.class) {
                tests.add(test(a, "a missing folder", missing, "no such folder", "check the path"));
                tests.add(test(a, "a file", empty, "is a file, not a folder", "give the folder"));
            } else if (a.kind() == FileOption.OutputFile.class) {
                tests.add(test(a, "a folder", folder, "is a folder", "give a file name in it"));
                Path noParent = dir.resolve("no-such-folder/out.csv");
                tests.add(test(a, "a missing folder", noParent, "folder", "does not exist", "mkdir -p"));
                tests.add(test(a, "a file as folder", empty.resolve("out.csv"), "is a file, not a folder"));
                tests.add(test(a, "an unwritable folder", unwritableFolder.resolve("out.csv"), "cannot write in"));
            } else {
                tests.add(test(a, "a file", empty, "is a file; give a folder"));
                Path noParent = dir.resolve("no-such-folder/out");
                tests.add(test(a, "a missing parent", noParent, "folder", "does not exist", "mkdir -p"));
            }
        }
        return tests.stream();
    }

    @Test
    void anOutputThatWouldWriteOverTheCommandsOwnInputIsRefusedAndTheInputKept() throws Exception {
        Path m4 = Files.writeString(dir.resolve("s.csv"), m4Rows(60));
        Path trace = Files.writeString(dir.resolve("t.csv"), "timestamp,value\n2020-01-01 00:00:00,1\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), trace);
        String m4Before = Files.readString(m4);

        CliRun split = CliRun.of(
                "split-m4", "--train", m4.toString(), "--out-train", m4.toString(), "--out-test", dir + "/ss.csv");
        // The same file by another name (a symlink) is the same file.
        CliRun trends = CliRun.of("trends", "--trace", trace.toString(), "--out", link.toString());

        assertOneLine(split, "--out-train " + m4 + ": is also the input --train", "give the output another file name");
        assertOneLine(trends, "--out " + link + ": is also the input --trace " + trace, "would be written over");
        assertThat(Files.readString(m4)).isEqualTo(m4Before);
        assertThat(dir.resolve("ss.csv")).doesNotExist();
    }

    @Test
    void twoOutputsNamingOneFileAreRefusedBeforeEitherIsWritten() throws Exception {
        Path m4 = Files.writeString(dir.resolve("s.csv"), m4Rows(60));
        Path both = dir.resolve("a.csv");

        // split-m4 wrote the test half over the training half and exited 0.
        CliRun run = CliRun.of(
                "split-m4", "--train", m4.toString(), "--out-train", both.toString(), "--out-test", both.toString());

        assertOneLine(run, "--out-test " + both + ": is also the output --out-train", "its own file name");
        assertThat(both).doesNotExist();
    }

    @Test
    void aFileTheOutputFolderGetsCannotBeAnInputAndAnOutputLinkCountsAsItsTarget() throws Exception {
        // backtest --out d writes d/timeline.csv: a trace kept there under that name was replaced.
        Path folder = Files.createDirectories(dir.resolve("d"));
        Path trace = Files.writeString(folder.resolve("timeline.csv"), "timestamp,value\n2020-01-01 00:00:00,1\n");
        String before = Files.readString(trace);
        // An output through a link to a file not there yet is that file.
        Path m4 = Files.writeString(dir.resolve("s.csv"), m4Rows(60));
        Path link = Files.createSymbolicLink(dir.resolve("lnk.csv"), dir.resolve("a.csv"));

        CliRun backtest = CliRun.of("backtest", "--trace", trace.toString(), "--out", folder.toString());
        CliRun split = CliRun.of(
                "split-m4",
                "--train",
                m4.toString(),
                "--out-train",
                link.toString(),
                "--out-test",
                dir.resolve("a.csv").toString());

        // forecast-m4 --out f.csv also writes f-q0.1.csv: a training file kept under that name was replaced.
        Path quantileNamed = Files.writeString(dir.resolve("f-q0.1.csv"), m4Rows(60));
        CliRun forecast = CliRun.of(
                "forecast-m4",
                "--train",
                quantileNamed.toString(),
                "--out",
                dir.resolve("f.csv").toString());

        assertOneLine(backtest, "--out (its timeline.csv) " + trace + ": is also the input --trace", "written over");
        assertOneLine(
                forecast, "--out (its f-q0.1.csv) " + quantileNamed + ": is also the input --train", "written over");
        assertThat(Files.readString(quantileNamed)).isEqualTo(m4Rows(60));
        assertThat(Files.readString(trace)).isEqualTo(before);
        assertOneLine(
                split, "--out-test " + dir.resolve("a.csv") + ": is also the output --out-train", "own file name");
        assertThat(dir.resolve("a.csv")).doesNotExist();
    }

    @Test
    void aPathThroughALinkThatPointsNowhereNamesTheLinkAndWhereItPoints() throws Exception {
        // ln -s "$SHARED/data/traces" data/traces with SHARED empty links data/traces to /data/traces.
        Path data = Files.createDirectories(dir.resolve("data"));
        Path link = Files.createSymbolicLink(data.resolve("traces"), dir.resolve("nowhere/data/traces"));
        Path trace = link.resolve("nyc_taxi.csv");

        CliRun run = CliRun.of("bound", "--trace", trace.toString());

        assertOneLine(
                run,
                "--trace " + trace + ": no such file; " + link + " is a link to " + dir.resolve("nowhere/data/traces"),
                "which does not exist",
                "ln -sfn");
    }

    @Test
    void anExistingFileThatTakesWritesIsAnOutputEvenWhereItsFolderTakesNoNewFiles() throws Exception {
        Path m4 = Files.writeString(dir.resolve("s.csv"), m4Rows(60));

        // /dev takes no new files for anyone but root, yet /dev/null takes writes: it worked before the checks.
        CliRun run = CliRun.of(
                "split-m4",
                "--train",
                m4.toString(),
                "--out-train",
                "/dev/null",
                "--out-test",
                dir.resolve("ss.csv").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(dir.resolve("ss.csv")).exists();
        // As root every folder takes files; the kernel's settings folder does not, and holds files that take writes
        // (only checked here, never written).
        Path folder = Files.createDirectories(dir.resolve("ro"));
        Path existing = Files.writeString(folder.resolve("out.csv"), "old");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        Path writable = Files.isWritable(folder) ? Path.of("/proc/sys/vm/drop_caches") : existing;
        assertThat(Files.isWritable(writable.getParent())).isFalse();
        assertThat(new FileOption.OutputFile().convert(writable.toString())).isEqualTo(writable);
    }

    @Test
    void helpIsShownEvenWhenAPathOrTheDefaultOutputIsNotUsable() {
        CliRun run = CliRun.of(
                "backtest", "--trace", dir.resolve("not-there-yet.csv").toString(), "--help");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Usage:").contains("--trace");
    }

    @Test
    void pathsTheShellLeftAsTypedSayWhatToWriteInstead() throws Exception {
        Path trace = Files.writeString(dir.resolve("t.csv"), "timestamp,value\n2020-01-01 00:00:00,1\n");

        // --out=~/x.csv: the shell expands ~ only at the start of a word.
        CliRun tilde = CliRun.of("trends", "--trace", trace.toString(), "--out=~/y.csv");
        CliRun stdin = CliRun.of(
                "trends", "--trace", "-", "--out", dir.resolve("y.csv").toString());
        // "missing/.." only exists when "missing" does: checked as the system will resolve it, not normalised away.
        Path around = dir.resolve("missing/../y.csv");
        CliRun dotDot = CliRun.of("trends", "--trace", trace.toString(), "--out", around.toString());

        assertOneLine(tilde, "--out ~/y.csv: starts with ~, which the shell did not expand", "$HOME/y.csv");
        assertOneLine(stdin, "--trace -: standard input and output are not supported", "save the data to a file");
        assertOneLine(dotDot, "--out " + around + ": folder " + dir.resolve("missing") + " does not exist", "mkdir");
    }

    @Test
    void splittingASeriesNoLongerThanTheHorizonNamesItInsteadOfAStackTrace() throws Exception {
        Path m4 = Files.writeString(dir.resolve("s.csv"), m4Rows(30));

        CliRun run = CliRun.of(
                "split-m4",
                "--train",
                m4.toString(),
                "--out-train",
                dir.resolve("st.csv").toString(),
                "--out-test",
                dir.resolve("ss.csv").toString());

        assertOneLine(run, m4 + ": series H1 has 30 values, not more than --horizon 48", "smaller --horizon");
        assertThat(dir.resolve("st.csv")).doesNotExist();
    }

    @Test
    void anM4FileWithOnlyItsHeaderIsAnErrorNotAnEmptyForecast() throws Exception {
        Path header = Files.writeString(dir.resolve("h.csv"), "\"V1\",\"V2\"\n");

        CliRun run = CliRun.of(
                "forecast-m4",
                "--train",
                header.toString(),
                "--out",
                dir.resolve("f.csv").toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("holds no series, only the header").doesNotContain("\tat ");
        assertThat(dir.resolve("f.csv")).doesNotExist();
    }

    /** An M4 file of one series with {@code n} values. */
    private static String m4Rows(int n) {
        StringBuilder header = new StringBuilder("\"V1\"");
        StringBuilder row = new StringBuilder("\"H1\"");
        for (int i = 1; i <= n; i++) {
            header.append(",\"V").append(i + 1).append('"');
            row.append(",\"").append(i).append('"');
        }
        return header + "\n" + row + "\n";
    }

    private static DynamicTest test(FileArg a, String what, Path value, String... words) {
        return DynamicTest.dynamicTest(a + " given " + what, () -> {
            CliRun run = CliRun.of(a.with(value.toString()));

            assertOneLine(run, a.name() + " " + value + ": ", words);
        });
    }

    private static void assertOneLine(CliRun run, String start, String... words) {
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        // One line: what is wrong and the fix, nothing before or after it.
        List<String> errors = run.err().lines().toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("error: " + start).contains(words);
        assertThat(run.err())
                .doesNotContain("\tat ")
                .doesNotContain("Exception")
                .doesNotContain("run 'predictive");
    }

    /** A file this user cannot read: a mode-000 file, or (as root, who reads those) a write-only kernel setting. */
    private Path unreadableFile() throws Exception {
        Path file = Files.writeString(dir.resolve("secret.csv"), "timestamp,value\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(file)) {
            return file;
        }
        Path writeOnly = Path.of("/proc/sys/vm/drop_caches");
        assertThat(Files.isReadable(writeOnly)).as("a file root cannot read").isFalse();
        return writeOnly;
    }

    /** A folder this user cannot write in: mode 555, or (as root, who writes there) the kernel's settings folder. */
    private Path unwritableFolder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("read-only"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!Files.isWritable(folder)) {
            return folder;
        }
        Path settings = Path.of("/proc/sys/vm");
        assertThat(Files.isWritable(settings))
                .as("a folder root cannot write in")
                .isFalse();
        return settings;
    }
}
