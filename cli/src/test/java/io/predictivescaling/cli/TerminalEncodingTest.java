package io.predictivescaling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.predictivescaling.aws.local.ProjectRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * {@code bin/predictive-scaling} prints in the encoding of the terminal it runs in, as System.out and System.err
 * encode (on JDK 18+ stdout.encoding, e.g. a Windows console's code page), not in the JVM's default charset: printed
 * through picocli's own writers, a report folder or event named with accents came out as UTF-8 bytes whatever the
 * terminal, 'pokémon' shown as 'pokÃ©mon' (Latin-1) or 'pok├⌐mon' (code page 850).
 */
@Isolated // swaps System.out and System.err for streams in a Windows console's code page
class TerminalEncodingTest {
    static final Charset CONSOLE = Charset.forName("IBM850");

    @TempDir
    Path dir;

    @Test
    void accentsOnBothStreamsAreInTheTerminalsEncoding() throws Exception {
        List<String> lines = Files.readAllLines(ProjectRoot.resolve("shared/src/test/resources/traces/clean.csv"));
        Path trace = dir.resolve("one-day.csv");
        Files.write(trace, lines.subList(0, 289));
        Path calendar = dir.resolve("events.ics");
        Files.writeString(
                calendar,
                String.join(
                        "\r\n",
                        "BEGIN:VCALENDAR",
                        "VERSION:2.0",
                        "PRODID:-//test//EN",
                        "BEGIN:VEVENT",
                        "UID:a@test",
                        "DTSTAMP:19950601T000000Z",
                        "SUMMARY:Fête pokémon",
                        "END:VEVENT",
                        "END:VCALENDAR",
                        ""));
        // An ASCII folder: a path with accents cannot even be made where the file system's encoding is ASCII (LANG=C).
        Path report = dir.resolve("report");
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, CONSOLE));
            System.setErr(new PrintStream(err, true, CONSOLE));
            exit = Main.run(
                    "backtest",
                    "--trace",
                    trace.toString(),
                    "--events",
                    calendar.toString(),
                    "--out",
                    report.toString(),
                    "--quiet");
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        String printed = out.toString(CONSOLE);
        String notes = err.toString(CONSOLE);

        assertThat(exit).as(notes).isZero();
        assertThat(printed).contains("report: " + report.resolve("report.html"));
        assertThat(notes).contains("unreadable VEVENT 'Fête pokémon'");
    }
}
