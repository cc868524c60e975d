package io.predictivescaling.cli;

import io.predictivescaling.cli.backtest.BacktestCommand;
import io.predictivescaling.cli.backtest.BacktestManyCommand;
import io.predictivescaling.cli.backtest.BenchBacktestCommand;
import io.predictivescaling.cli.backtest.BoundCommand;
import io.predictivescaling.cli.backtest.ExportHistoryCommand;
import io.predictivescaling.cli.files.FileOption;
import io.predictivescaling.cli.local.AwsAccess;
import io.predictivescaling.cli.local.UserError;
import io.predictivescaling.cli.m4.M4Commands;
import java.io.BufferedWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code predictive-scaling}: the local runner, backtest and benchmarks. */
@Command(
        name = "predictive-scaling",
        mixinStandardHelpOptions = true,
        version = "predictive-scaling 0.1.0",
        description = "Scales AWS capacity before load arrives. Local runner and benchmarks.",
        subcommands = {
            CommandLine.HelpCommand.class,
            BacktestCommand.class,
            ExportHistoryCommand.class,
            BoundCommand.class,
            BacktestManyCommand.class,
            BenchBacktestCommand.class,
            DemoCommand.class,
            ReportCommand.class,
            TrendsCommand.class,
            EventImpactCommand.class,
            AddEventCommand.class,
            InvokeCommand.class,
            BenchPatternsCommand.class,
            BenchScaleCommand.class,
            io.predictivescaling.cli.fleet.BenchFleetCommand.class,
            BenchColdInitCommand.class,
            M4Commands.Forecast.class,
            M4Commands.Score.class,
            M4Commands.Split.class,
            io.predictivescaling.cli.m4.TrainCommand.class,
            io.predictivescaling.cli.scenario.ScenarioCommand.class,
            io.predictivescaling.cli.scenario.BenchSocialCommand.class
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs one command line, printing to this process's standard output and error.
     *
     * @return the exit code: 0 done; 2 bad input or a setup to fix (a missing file, an endpoint that does not
     *     answer, no region or credentials, a function's setting not set): one line on standard error says what and
     *     the fix; 3 an AWS call that failed (access denied, a missing table, throttling), also one line
     */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        // Through the process's streams themselves, so that text is encoded as System.out and System.err encode it
        // (the terminal's encoding: stdout.encoding, sun.stdout.encoding). picocli's own writers encode in the
        // default charset, which from JDK 18 is UTF-8 whatever the terminal is: 'pokémon' printed as 'pokÃ©mon' on a
        // Latin-1 or Windows console, and in two encodings on one standard output beside the handlers' log lines.
        cli.setOut(writerOn(System.out)).setErr(writerOn(System.err));
        try {
            return run(cli, args);
        } finally {
            cli.getOut().flush();
            cli.getErr().flush();
        }
    }

    /**
     * Runs one command line, printing to {@code out} and {@code err} instead of the process's streams: every command
     * writes to the streams of its own invocation, so two runs in one JVM (tests in parallel, an embedding tool) never
     * read each other's lines. The Lambda handlers that {@code invoke} and {@code demo} call still log to the
     * process's standard output, as they do in Lambda.
     *
     * @return the exit code, as {@link #run(String...)}
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out).setErr(err);
        try {
            return run(cli, args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * A writer that hands its text to {@code stream} to encode, in the stream's own charset; buffered, flushed at
     * every {@code println}/{@code printf} and by {@link PrintWriter#flush()}, never closing the stream.
     */
    static PrintWriter writerOn(PrintStream stream) {
        Writer chars = new Writer() {
            @Override
            public void write(char[] text, int offset, int length) {
                stream.print(String.valueOf(text, offset, length));
            }

            @Override
            public void write(String text, int offset, int length) {
                stream.print(text.substring(offset, offset + length));
            }

            @Override
            public void flush() {
                stream.flush();
            }

            @Override
            public void close() {
                stream.flush();
            }
        };
        return new PrintWriter(new BufferedWriter(chars), true);
    }

    private static int run(CommandLine cli, String... args) {
        showDefaults(cli);
        return cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // Bad input (a missing file, a malformed trace) or AWS out of reach: one line that says what is
                    // wrong and how to fix it, no stack trace.
                    if (e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
                        cmd.getErr().println("error: " + describe(e));
                        return 2;
                    }
                    if (e instanceof UserError || e instanceof IllegalArgumentException) {
                        cmd.getErr().println("error: " + e.getMessage());
                        return 2;
                    }
                    // An SDK failure, also when it surfaces wrapped (a handler's static clients, reflection).
                    for (Throwable c = e; c != null; c = c.getCause()) {
                        if (c instanceof software.amazon.awssdk.core.exception.SdkException sdk) {
                            cmd.getErr().println("error: " + AwsAccess.explain(sdk));
                            return 3;
                        }
                        if (c instanceof UserError) {
                            cmd.getErr().println("error: " + c.getMessage());
                            return 2;
                        }
                    }
                    throw e;
                })
                // A mistyped option or a missing value: the one line that says so and where the options are, not
                // the whole usage (which pushes the line out of sight).
                .setParameterExceptionHandler((ex, given) -> {
                    CommandLine cmd = ex.getCommandLine();
                    if (asksForHelp(cmd, given)) {
                        // --help wins over a bad path (the default --out in a read-only folder, a trace not there
                        // yet): the user is asking how to give it.
                        cmd.usage(cmd.getOut());
                        return 0;
                    }
                    if (ex.getCause() instanceof FileOption.Problem problem) {
                        // A file option's path is not what it needs (FileOption): the option, the path, what is
                        // wrong and the fix; nothing else, so the line stays in sight.
                        String path = ex.getValue() == null || ex.getValue().isBlank() ? "''" : ex.getValue();
                        cmd.getErr()
                                .println("error: " + optionName(ex.getArgSpec()) + " " + path + ": "
                                        + problem.getMessage());
                        return cmd.getCommandSpec().exitCodeOnInvalidInput();
                    }
                    cmd.getErr().println("error: " + ex.getMessage());
                    if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, cmd.getErr())) {
                        String name = cmd.getParent() == null ? "" : " " + cmd.getCommandName();
                        cmd.getErr().println("run 'predictive-scaling help" + name + "' for the options");
                    }
                    return cmd.getCommandSpec().exitCodeOnInvalidInput();
                })
                .setExecutionStrategy(parsed -> {
                    // Checked across options, once each path passed its own check: an output that would write
                    // over one of the command's inputs.
                    CommandLine.ParseResult last = parsed;
                    while (last.hasSubcommand()) {
                        last = last.subcommand();
                    }
                    if (!last.isUsageHelpRequested() && !last.isVersionHelpRequested()) {
                        var clash = FileOption.outputOverInput(last.commandSpec());
                        if (clash.isPresent()) {
                            last.commandSpec().commandLine().getErr().println("error: " + clash.get());
                            return last.commandSpec().exitCodeOnInvalidInput();
                        }
                    }
                    return new CommandLine.RunLast().execute(parsed);
                })
                .execute(args);
    }

    /** Whether {@code given} holds one of {@code cmd}'s usage-help options ({@code -h}, {@code --help}). */
    private static boolean asksForHelp(CommandLine cmd, String[] given) {
        var help = cmd.getCommandSpec().options().stream()
                .filter(CommandLine.Model.OptionSpec::usageHelp)
                .flatMap(o -> java.util.Arrays.stream(o.names()))
                .collect(java.util.stream.Collectors.toSet());
        return java.util.Arrays.stream(given).anyMatch(help::contains);
    }

    /** How the user wrote an option ({@code --train}), or a positional parameter's label ({@code EVENT_FILE}). */
    private static String optionName(CommandLine.Model.ArgSpec arg) {
        return arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() : arg.paramLabel();
    }

    /** A file problem in words: which file, and what is wrong with it (not just its path, as the JDK says it). */
    static String describe(Exception e) {
        Throwable io = e instanceof java.io.UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        String why;
        if (io instanceof java.nio.file.NoSuchFileException) {
            why = "no such file or folder";
        } else if (io instanceof java.nio.file.AccessDeniedException) {
            why = "permission denied";
        } else if (io instanceof java.nio.file.FileAlreadyExistsException
                || io instanceof java.nio.file.NotDirectoryException) {
            why = "a file is in the way where a folder is needed";
        } else if (io instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            why = fs.getReason();
        } else {
            return e.getMessage();
        }
        String path = io instanceof java.nio.file.FileSystemException fs ? fs.getFile() : null;
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (io != e && io.getMessage() != null && message.endsWith(io.getMessage())) {
            return message.substring(0, message.length() - io.getMessage().length()) + why;
        }
        return (path == null ? message : path) + ": " + why;
    }

    /** Every option's default in its help ("Default: 5m"), in every command. */
    private static void showDefaults(CommandLine cli) {
        cli.getCommandSpec().usageMessage().showDefaultValues(true);
        cli.getSubcommands().values().forEach(Main::showDefaults);
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
